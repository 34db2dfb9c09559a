package lambdatrace_test

import (
	"context"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

type hookKey struct{}

func TestContextHook(t *testing.T) {
	var inHandler, atEnd any
	var spanInHook bool
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
		inHandler = ctx.Value(hookKey{})
		return "ok", nil
	}, lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()),
		lambdatrace.WithHooks(lambdatrace.Hooks{Context: func(ctx context.Context, inv lambdatrace.InvocationStart) context.Context {
			spanInHook = trace.SpanContextFromContext(ctx).IsValid()
			return context.WithValue(ctx, hookKey{}, "from the hook")
		}}),
		lambdatrace.WithHooks(lambdatrace.Hooks{Context: func(context.Context, lambdatrace.InvocationStart) context.Context {
			return nil // leaves the context as it was
		}, End: func(ctx context.Context, _ lambdatrace.InvocationEnd) {
			atEnd = ctx.Value(hookKey{})
		}}))
	if _, err := h(invocationContext(), struct{}{}); err != nil {
		t.Fatal(err)
	}
	if inHandler != "from the hook" || atEnd != "from the hook" || !spanInHook {
		t.Errorf("handler saw %v, End saw %v, hook saw the span: %v", inHandler, atEnd, spanInHook)
	}
}
