package ddprop_test

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/propagation/ddprop"
)

// A Datadog carrier, as dd-trace-go writes it, gives the 128-bit trace ID.
func ExamplePropagator() {
	carrier := propagation.MapCarrier{
		"x-datadog-trace-id":          "81985529216486895",
		"x-datadog-parent-id":         "67667974448284343",
		"x-datadog-sampling-priority": "1",
		"x-datadog-tags":              "_dd.p.dm=-0,_dd.p.tid=6758a1b2c3d4e5f6",
	}
	sc := trace.SpanContextFromContext(ddprop.Propagator{}.Extract(context.Background(), carrier))
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled())
	// Output: 6758a1b2c3d4e5f60123456789abcdef 00f067aa0ba902b7 true
}

// Extract tries W3C, then Datadog, then X-Ray.
func ExampleExtract() {
	sc, dialect := ddprop.Extract(propagation.MapCarrier{
		"X-Amzn-Trace-Id": "Root=1-6758a1b2-c3d4e5f60123456789abcdef;Parent=00f067aa0ba902b7;Sampled=1",
	})
	fmt.Println(dialect, sc.TraceID())
	// Output: xray 6758a1b2c3d4e5f60123456789abcdef
}

// Dialects lists the three propagators, for a composite of your own.
func ExampleDialects() {
	p := propagation.NewCompositeTextMapPropagator(ddprop.Dialects()...)
	fmt.Println(len(p.Fields()))
	// Output: 8
}
