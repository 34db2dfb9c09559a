package xrayudp

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// withoutDatadogOnly returns spans without those only Datadog is sent
// (instrumentation scope ddtrace.OnlyScope: ddlambda's inferred spans of
// the upstream service, which X-Ray shows as the service's own segment),
// counting them in Stats.DatadogOnly. It returns spans itself, without
// allocating, when there are none.
func (e *Exporter) withoutDatadogOnly(spans []sdktrace.ReadOnlySpan) []sdktrace.ReadOnlySpan {
	i := 0
	for i < len(spans) && !datadogOnly(spans[i]) {
		i++
	}
	if i == len(spans) {
		return spans
	}
	kept := make([]sdktrace.ReadOnlySpan, i, len(spans)-1)
	copy(kept, spans[:i])
	for _, s := range spans[i:] {
		if !datadogOnly(s) {
			kept = append(kept, s)
		}
	}
	e.stats.datadogOnly.Add(uint64(len(spans) - len(kept)))
	return kept
}

func datadogOnly(s sdktrace.ReadOnlySpan) bool {
	return s.InstrumentationScope().Name == ddtrace.OnlyScope
}
