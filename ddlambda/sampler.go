package ddlambda

import (
	"context"
	"strings"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/xrayheader"
)

// Datadog's sampling priorities and decision makers.
const (
	userReject = -1
	autoKeep   = 1
	userKeep   = 2
	dmDefault  = "-0" // the tracer's default rate
	dmRule     = "-3" // a sampling rule (or DD_TRACE_SAMPLE_RATE)
)

// functionSpanName is the Datadog name of the invocation span, which rules
// match.
const functionSpanName = "aws.lambda"

// sampler records and samples every invocation, whatever X-Ray decided:
// a trace X-Ray did not sample gets the tracestate member
// ddtrace.StateKey=ddtrace.StateUnsampled, which the X-Ray exporter and
// propagators honour. It decides Datadog's sampling priority as Datadog's
// tracer does and keeps it in the tracestate's dd member, which children
// inherit and the Datadog exporter sends.
type sampler struct {
	merge    bool
	rules    []rule
	limit    *limiter
	service  string // for rules
	resource string // the function name, for rules
	getenv   func(string) string
}

var _ sdktrace.Sampler = (*sampler)(nil)

// decidedKey marks a context whose spans inherit the decision already made
// for their remote parent (the cold-start and inferred spans, siblings or
// parents of the invocation span, started from its tracestate).
type decidedKey struct{}

// inheritDecision returns ctx under which a span whose parent is remote
// keeps that parent's tracestate (the decision made for the invocation).
func inheritDecision(ctx context.Context) context.Context {
	return context.WithValue(ctx, decidedKey{}, true)
}

// ShouldSample implements sdktrace.Sampler.
func (s *sampler) ShouldSample(p sdktrace.SamplingParameters) sdktrace.SamplingResult {
	psc := trace.SpanContextFromContext(p.ParentContext)
	if psc.IsValid() && (!psc.IsRemote() || p.ParentContext.Value(decidedKey{}) != nil) {
		// A local child: the root's decision holds.
		d := sdktrace.RecordAndSample
		if !psc.IsSampled() && !psc.IsRemote() {
			d = sdktrace.Drop
		}
		return sdktrace.SamplingResult{Decision: d, Tracestate: psc.TraceState()}
	}
	ts := psc.TraceState()
	xraySampled := s.xraySampled(p.ParentContext, psc, p.TraceID)
	if !xraySampled {
		if marked, err := ts.Insert(ddtrace.StateKey, ddtrace.StateUnsampled); err == nil {
			ts = marked
		}
	}
	prio, dm := s.priority(psc, p, xraySampled)
	return sdktrace.SamplingResult{Decision: sdktrace.RecordAndSample, Tracestate: ddtrace.WithPriority(ts, prio, dm)}
}

// xraySampled reports whether X-Ray sampled the trace: Lambda's header
// says Sampled=1 for this very trace. Without a header, a parent of X-Ray's
// (no Datadog member) that is sampled and not marked.
func (s *sampler) xraySampled(ctx context.Context, psc trace.SpanContext, tid trace.TraceID) bool {
	if ddtrace.XRayUnsampled(psc) {
		return false
	}
	if h := xrayheader.FromContext(ctx, s.getenv); h != "" {
		hp := xrayheader.Parent(h)
		return hp.IsSampled() && hp.TraceID() == tid
	}
	return psc.IsValid() && psc.IsSampled() && psc.TraceState().Get("dd") == ""
}

// priority decides Datadog's sampling priority: an incoming Datadog
// decision (the parent's, else the first link's), then with
// DD_MERGE_XRAY_TRACES X-Ray's decision, then the rules (with the rate
// limit), then keep.
func (s *sampler) priority(psc trace.SpanContext, p sdktrace.SamplingParameters, xraySampled bool) (int, string) {
	if prio, dm, ok := ddtrace.Priority(psc.TraceState()); ok {
		return prio, dm
	}
	for _, l := range p.Links {
		if prio, dm, ok := ddtrace.Priority(l.SpanContext.TraceState()); ok {
			return prio, dm
		}
	}
	if s.merge {
		if xraySampled {
			return userKeep, ""
		}
		return userReject, ""
	}
	for _, r := range s.rules {
		if !r.matches(s.service, functionSpanName, s.resource) {
			continue
		}
		low, _ := ddtrace.TraceID(p.TraceID)
		if sampledByRate(low, r.rate) && s.limit.allow() {
			return userKeep, dmRule
		}
		return userReject, dmRule
	}
	return autoKeep, dmDefault
}

// Description implements sdktrace.Sampler.
func (s *sampler) Description() string {
	var b strings.Builder
	b.WriteString("ddlambda{every invocation recorded; Datadog priority by ")
	switch {
	case s.merge:
		b.WriteString("X-Ray merge")
	case len(s.rules) > 0:
		b.WriteString("rules")
	default:
		b.WriteString("default keep")
	}
	b.WriteString("}")
	return b.String()
}
