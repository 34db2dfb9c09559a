package xraysampler_test

import (
	"context"
	"fmt"
	"log"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/metadata"
	"github.com/otelxray/otelxray/sampler/xraysampler"
)

// A sampled root span carries the name of the rule that sampled it, unless
// WithoutRuleAttribute.
func ExampleWithoutRuleAttribute() {
	for _, opts := range [][]xraysampler.Option{nil, {xraysampler.WithoutRuleAttribute()}} {
		s, err := xraysampler.New(append(opts, xraysampler.WithoutCentralized())...)
		if err != nil {
			log.Fatal(err)
		}
		tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(s))
		_, span := tp.Tracer("example").Start(context.Background(), "GET /")
		rule := "none"
		for _, kv := range span.(sdktrace.ReadOnlySpan).Attributes() {
			if kv.Key == metadata.SamplingRuleKey {
				rule = kv.Value.AsString()
			}
		}
		span.End()
		fmt.Println(rule)
		_ = tp.Shutdown(context.Background())
	}
	// Output:
	// Default
	// none
}
