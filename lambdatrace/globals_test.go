package lambdatrace_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/otelxray/otelxray/lambdatrace"
)

// A provider and propagator the program set itself, of any kind, are kept.
func TestWrapKeepsTheProgramsGlobals(t *testing.T) {
	prevTP, prevProp := otel.GetTracerProvider(), otel.GetTextMapPropagator()
	t.Cleanup(func() { otel.SetTracerProvider(prevTP); otel.SetTextMapPropagator(prevProp) })
	mine := noop.NewTracerProvider()
	otel.SetTracerProvider(mine)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil })
	if _, err := h(context.Background(), struct{}{}); err != nil {
		t.Fatal(err)
	}
	if otel.GetTracerProvider() != mine {
		t.Errorf("the program's provider was replaced by %T", otel.GetTracerProvider())
	}
	if _, ok := otel.GetTextMapPropagator().(propagation.TraceContext); !ok {
		t.Errorf("the program's propagator was replaced by %T", otel.GetTextMapPropagator())
	}
}
