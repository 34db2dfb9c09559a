package segment

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Decide says whether s is sent (Keep) or why not, by the rules
// [Translator.Translate] applies before it translates: unsampled spans, spans
// with a zero ID, and in Lambda mode spans without a parent or under a
// Lambda header with Sampled=0. Exporters of other wire formats use it to
// send the same spans as segments would be.
func (t *Translator) Decide(s sdktrace.ReadOnlySpan) DropReason {
	return t.decide(s.SpanContext(), s.Parent())
}

// decide is Decide on the span's context and its parent's.
func (t *Translator) decide(sc, parent trace.SpanContext) DropReason {
	if !sc.IsSampled() {
		return DropUnsampled
	}
	if !sc.HasTraceID() || !sc.HasSpanID() {
		return DropInvalid
	}
	if t.cfg.Lambda && !parent.IsValid() {
		return DropNoParent
	}
	if t.cfg.Lambda && parent.IsRemote() && !parent.IsSampled() {
		// Lambda decided not to trace this invocation (Sampled=0): a
		// sampler that ignores the parent must not override that.
		return DropUnsampled
	}
	return Keep
}
