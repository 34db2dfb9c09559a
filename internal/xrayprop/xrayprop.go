package xrayprop

import (
	"context"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// Propagator is X-Ray's propagator for a setup that records traces for
// Datadog that X-Ray did not sample: such a trace (ddtrace.XRayUnsampled) goes
// downstream with Sampled=0, so that X-Ray's decision holds along the
// whole trace.
type Propagator struct{ xray.Propagator }

// Inject writes the X-Amzn-Trace-Id header, with Sampled=0 for a trace
// X-Ray did not sample.
func (p Propagator) Inject(ctx context.Context, carrier propagation.TextMapCarrier) {
	if sc := trace.SpanContextFromContext(ctx); sc.IsSampled() && ddtrace.XRayUnsampled(sc) {
		ctx = trace.ContextWithSpanContext(ctx, sc.WithTraceFlags(sc.TraceFlags().WithSampled(false)))
	}
	p.Propagator.Inject(ctx, carrier)
}
