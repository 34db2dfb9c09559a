package xrayudp

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// forXRay returns spans without those only Datadog is sent, counting them:
// spans of instrumentation scope ddtrace.OnlyScope (ddlambda's inferred
// and cold-start spans, which X-Ray shows its own way) in
// Stats.DatadogOnly, and spans of traces X-Ray did not sample but that were
// recorded for Datadog (tracestate ddtrace.StateKey=ddtrace.StateUnsampled,
// set by ddlambda's sampler) in Stats().Dropped.Unsampled. It returns spans
// itself, without allocating, when it leaves none out.
func (e *Exporter) forXRay(spans []sdktrace.ReadOnlySpan) []sdktrace.ReadOnlySpan {
	i := 0
	for i < len(spans) && e.keep(spans[i], false) {
		i++
	}
	if i == len(spans) {
		return spans
	}
	kept := make([]sdktrace.ReadOnlySpan, i, len(spans)-1)
	copy(kept, spans[:i])
	for _, s := range spans[i:] {
		if e.keep(s, true) {
			kept = append(kept, s)
		}
	}
	return kept
}

// keep reports whether s goes to X-Ray; count counts a span left out.
func (e *Exporter) keep(s sdktrace.ReadOnlySpan, count bool) bool {
	switch {
	case s.InstrumentationScope().Name == ddtrace.OnlyScope:
		if count {
			e.stats.datadogOnly.Add(1)
		}
		return false
	case ddtrace.XRayUnsampled(s.SpanContext()):
		if count {
			e.stats.unsampled.Add(1)
		}
		return false
	}
	return true
}
