package xrayudp

import (
	"testing"

	"go.opentelemetry.io/otel/sdk/instrumentation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/spantest"
)

func TestForXRayAllocatesNothingWhenNothingIsLeftOut(t *testing.T) {
	e := &Exporter{}
	spans := []sdktrace.ReadOnlySpan{spantest.Span(1, 0).Snapshot(), spantest.Span(2, 1).Snapshot()}
	if n := testing.AllocsPerRun(100, func() { _ = e.forXRay(spans) }); n != 0 {
		t.Errorf("%v allocations per batch with nothing to leave out", n)
	}
	only := spantest.Span(3, 1)
	only.InstrumentationScope = instrumentation.Scope{Name: ddtrace.OnlyScope}
	unsampled := spantest.Span(4, 1)
	ts, err := trace.TraceState{}.Insert(ddtrace.StateKey, ddtrace.StateUnsampled)
	if err != nil {
		t.Fatal(err)
	}
	unsampled.SpanContext = unsampled.SpanContext.WithTraceState(ts)
	got := e.forXRay(append(spans, only.Snapshot(), unsampled.Snapshot()))
	if len(got) != 2 || !got[0].SpanContext().Equal(spans[0].SpanContext()) || !got[1].SpanContext().Equal(spans[1].SpanContext()) {
		t.Errorf("kept %v", got)
	}
	if s := e.Stats(); s.DatadogOnly != 1 || s.Dropped.Unsampled != 1 {
		t.Errorf("counted %d Datadog-only and %d unsampled, want 1 and 1", s.DatadogOnly, s.Dropped.Unsampled)
	}
}
