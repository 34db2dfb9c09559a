package bench

import (
	"context"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

// Capture runs one invocation with n children through lambdatrace and
// returns its ended spans, the handler's last, as an exporter gets them.
func Capture(n int) ([]sdktrace.ReadOnlySpan, error) {
	var spans []sdktrace.ReadOnlySpan
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(collect(func(s []sdktrace.ReadOnlySpan) { spans = append(spans, s...) })))
	h := lambdatrace.Wrap(OTelChildren(n), lambdatrace.WithTracerProvider(tp))
	_, err := h(InvocationContext(), struct{}{})
	return spans, err
}

type collect func([]sdktrace.ReadOnlySpan)

func (c collect) ExportSpans(_ context.Context, s []sdktrace.ReadOnlySpan) error { c(s); return nil }
func (c collect) Shutdown(context.Context) error                                 { return nil }
