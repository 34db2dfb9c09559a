package xrayudp

import (
	"testing"

	"go.opentelemetry.io/otel/sdk/instrumentation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/spantest"
)

func TestWithoutDatadogOnlyAllocatesNothingWhenNothingIsLeftOut(t *testing.T) {
	e := &Exporter{}
	spans := []sdktrace.ReadOnlySpan{spantest.Span(1, 0).Snapshot(), spantest.Span(2, 1).Snapshot()}
	if n := testing.AllocsPerRun(100, func() { _ = e.withoutDatadogOnly(spans) }); n != 0 {
		t.Errorf("%v allocations per batch with nothing to leave out", n)
	}
	only := spantest.Span(3, 1)
	only.InstrumentationScope = instrumentation.Scope{Name: ddtrace.OnlyScope}
	got := e.withoutDatadogOnly(append(spans, only.Snapshot()))
	if len(got) != 2 || !got[0].SpanContext().Equal(spans[0].SpanContext()) || !got[1].SpanContext().Equal(spans[1].SpanContext()) {
		t.Errorf("kept %v", got)
	}
}
