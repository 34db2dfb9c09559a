package lambdatrace_test

import (
	"context"

	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/lambdatrace"
)

// Several options as one, as an integration returns them.
func ExampleOptions() {
	opt := lambdatrace.Options(lambdatrace.WithSpanName("orders"), lambdatrace.WithEventParent())
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }, opt)
	_ = h // lambda.Start(h)
}

// Every invocation recorded, whatever Lambda's header says.
func ExampleWithSampler() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil },
		lambdatrace.WithSampler(sdktrace.AlwaysSample()))
	_ = h // lambda.Start(h)
}

// A second exporter, flushed with X-Ray's at the end of every invocation.
func ExampleWithSpanExporter() {
	mem := tracetest.NewInMemoryExporter()
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil },
		lambdatrace.WithSpanExporter(mem))
	_ = h // lambda.Start(h)
}

// W3C trace context downstream instead of OTEL_PROPAGATORS's choice.
func ExampleWithPropagator() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil },
		lambdatrace.WithPropagator(propagation.TraceContext{}))
	_ = h // lambda.Start(h)
}
