package xrayudp

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// withoutXRayUnsampled returns spans without those of traces X-Ray did not
// sample but that were recorded for Datadog (tracestate
// ddtrace.StateKey=ddtrace.StateUnsampled, set by ddlambda's sampler),
// counting them in Stats().Dropped.Unsampled. It allocates only when it
// leaves a span out.
func (e *Exporter) withoutXRayUnsampled(spans []sdktrace.ReadOnlySpan) []sdktrace.ReadOnlySpan {
	i := 0
	for i < len(spans) && !ddtrace.XRayUnsampled(spans[i].SpanContext()) {
		i++
	}
	if i == len(spans) {
		return spans
	}
	kept := make([]sdktrace.ReadOnlySpan, i, len(spans)-1)
	copy(kept, spans[:i])
	for _, s := range spans[i:] {
		if ddtrace.XRayUnsampled(s.SpanContext()) {
			e.stats.unsampled.Add(1)
			continue
		}
		kept = append(kept, s)
	}
	return kept
}
