//go:build sdkonly

package main

import (
	"context"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// The OpenTelemetry SDK without otelxray, the floor of any tracer built on
// it: a provider with the default resource and a synchronous exporter that
// drops the spans (no socket, nothing sent), an invocation span around the
// handler, and the handler's span of fn/otelxray.

func work(ctx context.Context) {
	_, s := otel.Tracer("fn").Start(ctx, "work")
	s.End()
}

// discard is an exporter that drops every span.
type discard struct{}

func (discard) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return nil }
func (discard) Shutdown(context.Context) error                             { return nil }

func wrap(h func(context.Context, struct{}) (string, error)) func(context.Context, struct{}) (string, error) {
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(discard{}))
	otel.SetTracerProvider(tp)
	tr := tp.Tracer("invocation")
	return func(ctx context.Context, in struct{}) (string, error) {
		ctx, s := tr.Start(ctx, "invocation")
		defer s.End()
		return h(ctx, in)
	}
}
