package xrayudp

import (
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// Nothing to leave out costs no allocation.
func TestWithoutXRayUnsampledAllocatesNothingWhenNothingIsMarked(t *testing.T) {
	e := &Exporter{}
	spans := tracetest.SpanStubs{{Name: "a", SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}})}}.Snapshots()
	var out []sdktrace.ReadOnlySpan
	if n := testing.AllocsPerRun(100, func() { out = e.withoutXRayUnsampled(spans) }); n != 0 || len(out) != 1 {
		t.Errorf("%v allocations, %d spans", n, len(out))
	}
}
