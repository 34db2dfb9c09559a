package payload

import (
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// priority sets, on a span where the service's work enters, the trace's
// sampling priority (_sampling_priority_v1) and decision maker (_dd.p.dm)
// that ddlambda's sampler keeps in the tracestate; without them, keep (1).
func priority(d *Span, sc trace.SpanContext) {
	p, dm, ok := ddtrace.Priority(sc.TraceState())
	if !ok {
		d.Metrics["_sampling_priority_v1"] = 1
		return
	}
	d.Metrics["_sampling_priority_v1"] = float64(p)
	if dm != "" {
		d.Meta["_dd.p.dm"] = dm
	}
}
