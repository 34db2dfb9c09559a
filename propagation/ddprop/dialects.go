package ddprop

import (
	"context"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Dialects returns the three dialects in the order Extract tries them:
// W3C (propagation.TraceContext), Datadog (Propagator) and X-Ray
// (xray.Propagator).
func Dialects() []propagation.TextMapPropagator {
	return append([]propagation.TextMapPropagator(nil), dialects[:]...)
}

var dialects = [...]propagation.TextMapPropagator{propagation.TraceContext{}, Propagator{}, xray.Propagator{}}

// Extract returns the first valid span context the carrier holds in any
// dialect, in the order of Dialects, and the name of the dialect it came
// from ("w3c", "datadog" or "xray"). Unlike a composite propagator, where the
// last dialect wins, the first one that parses is kept.
func Extract(carrier propagation.TextMapCarrier) (trace.SpanContext, string) {
	for i, p := range dialects {
		if sc := trace.SpanContextFromContext(p.Extract(context.Background(), carrier)); sc.IsValid() {
			return sc, dialectNames[i]
		}
	}
	return trace.SpanContext{}, ""
}

var dialectNames = [...]string{"w3c", "datadog", "xray"}
