package lambdatrace

import (
	"context"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
)

// WithEventParent makes the context an event carries (HTTP headers,
// message attributes, _datadog: see [Request.Parent]) the parent of the
// invocation span when Lambda's own trace header is absent or unsampled.
// This suits W3C callers and Datadog-only setups.
//
// By default Lambda's header is always the parent, so that the function's
// segment in X-Ray stays connected, and the event's contexts become span
// links: one per record of a batch (X-Ray keeps 20 per document, Datadog
// and OTLP keep them all). A sampled Lambda header stays the parent even
// with this option.
func WithEventParent() Option {
	return func(c *config) { c.eventParent = true }
}

// addRecord links the invocation to one record's producer; the first
// record's context is the Request's Parent.
func (r *Request) addRecord(f found, messageID string) {
	if !f.valid() {
		return
	}
	r.Links = append(r.Links, f.link(messageID))
	if !r.Parent.IsValid() {
		r.Parent, r.parentFrom = f.sc, f.carrier
	}
}

// eventContext applies the parent policy to what the event carries: it
// returns the context to start the invocation span in, the links, the
// attributes that say where the parent came from, and the event's context
// itself (invalid if it carries none).
func (w *wrapper) eventContext(ctx context.Context, req *Request) (context.Context, []trace.Link, []attribute.KeyValue, trace.SpanContext) {
	links := req.Links
	event, from := req.Parent, req.parentFrom
	if req.Carrier != nil {
		if !event.IsValid() {
			f := fromCarrier(req.Carrier, "Request.Carrier")
			if carrierIsHeaders(req.Carrier) {
				f = fromCarrier(req.Carrier, "headers")
			}
			event, from = f.sc, f.carrier
		}
		ctx = propagation.Baggage{}.Extract(ctx, req.Carrier)
	}
	if !event.IsValid() {
		return ctx, links, nil, event
	}
	if from == "" {
		from = "Request.Parent"
	}
	lambda := trace.SpanContextFromContext(ctx)
	if w.cfg.eventParent && !lambda.IsSampled() {
		ctx = trace.ContextWithRemoteSpanContext(ctx, event)
		return ctx, withoutLink(links, event), []attribute.KeyValue{metadata.PropagationCarrierKey.String(from)}, event
	}
	if lambda.Equal(event) || hasLink(links, event) {
		return ctx, links, nil, event
	}
	return ctx, append(links, found{sc: event, carrier: from}.link("")), nil, event
}

func carrierIsHeaders(c propagation.TextMapCarrier) bool {
	_, ok := c.(headerCarrier)
	return ok
}

func hasLink(links []trace.Link, sc trace.SpanContext) bool {
	for _, l := range links {
		if l.SpanContext.TraceID() == sc.TraceID() && l.SpanContext.SpanID() == sc.SpanID() {
			return true
		}
	}
	return false
}

// withoutLink drops the links to sc (it became the parent), without
// touching the Request's slice.
func withoutLink(links []trace.Link, sc trace.SpanContext) []trace.Link {
	if !hasLink(links, sc) {
		return links
	}
	out := make([]trace.Link, 0, len(links)-1)
	for _, l := range links {
		if l.SpanContext.TraceID() != sc.TraceID() || l.SpanContext.SpanID() != sc.SpanID() {
			out = append(out, l)
		}
	}
	return out
}
