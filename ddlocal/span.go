package ddlocal

import (
	"fmt"
	"strconv"
	"time"
)

// Span is one span as the Datadog Agent received it (the v0.4 span map).
type Span struct {
	// Service, Name, Resource and Type are the span's fields of those
	// names (Name is the operation, aws.lambda for the function's span).
	Service, Name, Resource, Type string
	// TraceID is the low 64 bits of the trace ID; the high 64 bits are in
	// Meta["_dd.p.tid"] (see [Span.TraceIDHigh]). SpanID and ParentID are
	// the span's and its parent's (0 for a root).
	TraceID, SpanID, ParentID uint64
	// Start and Duration are the span's start and length.
	Start    time.Time
	Duration time.Duration
	// Error is true when the span's error field is not 0.
	Error bool
	// Meta are the string tags, Metrics the numeric ones.
	Meta    map[string]string
	Metrics map[string]float64
	// Links are the span's links (span_links).
	Links []Link
}

// Link is a span link (span_links).
type Link struct {
	// TraceID and TraceIDHigh are the low and high 64 bits of the linked
	// trace's ID, SpanID the linked span's.
	TraceID, TraceIDHigh, SpanID uint64
	// Attributes, Tracestate and Flags are the link's fields of those
	// names.
	Attributes map[string]string
	Tracestate string
	Flags      uint32
}

// TraceIDHigh returns the high 64 bits of the span's trace ID, from its
// _dd.p.tid tag (0 when it has none or it is not 16 hex digits).
func (s *Span) TraceIDHigh() uint64 {
	v, err := strconv.ParseUint(s.Meta["_dd.p.tid"], 16, 64)
	if err != nil || len(s.Meta["_dd.p.tid"]) != 16 {
		return 0
	}
	return v
}

// XRayTraceID returns the span's 128-bit trace ID in X-Ray's form
// (1-xxxxxxxx-xxxxxxxxxxxxxxxxxxxxxxxx), to find the same trace in
// xraylocal, or "" when the span has no _dd.p.tid.
func (s *Span) XRayTraceID() string { return xrayID(s.TraceIDHigh(), s.TraceID) }

// XRayTraceID returns the link's trace ID in X-Ray's form, or "" when it has
// no high bits.
func (l *Link) XRayTraceID() string { return xrayID(l.TraceIDHigh, l.TraceID) }

func xrayID(high, low uint64) string {
	if high == 0 {
		return ""
	}
	h := fmt.Sprintf("%016x", high)
	return fmt.Sprintf("1-%s-%s%016x", h[:8], h[8:], low)
}

// Trace is the spans received with one trace ID, in order of arrival.
type Trace struct {
	// TraceID and TraceIDHigh are the trace's ID (see [Span]).
	TraceID, TraceIDHigh uint64
	// Spans are the trace's spans, in order of arrival.
	Spans []Span
}

// XRayTraceID returns the trace ID in X-Ray's form, or "" when its spans
// carry no high bits.
func (t *Trace) XRayTraceID() string { return xrayID(t.TraceIDHigh, t.TraceID) }

// Span returns the span with this ID, nil if the trace has none.
func (t *Trace) Span(id uint64) *Span {
	for i := range t.Spans {
		if t.Spans[i].SpanID == id {
			return &t.Spans[i]
		}
	}
	return nil
}

// Roots returns the spans whose parent is 0 or not in the trace, in order
// of arrival.
func (t *Trace) Roots() []*Span {
	var roots []*Span
	for i := range t.Spans {
		if s := &t.Spans[i]; s.ParentID == 0 || t.Span(s.ParentID) == nil {
			roots = append(roots, s)
		}
	}
	return roots
}

// Children returns the spans whose parent is s, by start time.
func (t *Trace) Children(s *Span) []*Span {
	var out []*Span
	for i := range t.Spans {
		if c := &t.Spans[i]; c.ParentID == s.SpanID && c != s {
			out = append(out, c)
		}
	}
	sortByStart(out)
	return out
}

// Links returns every link of the trace's spans.
func (t *Trace) Links() []Link {
	var out []Link
	for i := range t.Spans {
		out = append(out, t.Spans[i].Links...)
	}
	return out
}

func sortByStart(s []*Span) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j].Start.Before(s[j-1].Start); j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
