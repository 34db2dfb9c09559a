package xraylocal

import (
	"math"
	"time"

	"github.com/otelxray/otelxray/segment/validate"
)

// Span is one segment or subsegment of an assembled trace, with the fields
// the UI, the tree output and the service map use. The document as
// received is in [Trace].Documents.
type Span struct {
	// ID is the (sub)segment id; ParentID its parent's, from the document's
	// parent_id or, for a nested subsegment, the document it is nested in.
	ID       string `json:"id"`
	ParentID string `json:"parent_id,omitempty"`
	// Name is the document's name.
	Name string `json:"name"`
	// Kind is "segment" or "subsegment".
	Kind string `json:"kind"`
	// Independent is true for a subsegment sent as a document of its own.
	Independent bool `json:"independent,omitempty"`
	// Service is the name of the segment the span belongs to, or, for an
	// orphan, of the topmost span received.
	Service string `json:"service"`
	// Origin (segments) and Namespace (subsegments: "aws" or "remote")
	// are the document's.
	Origin    string `json:"origin,omitempty"`
	Namespace string `json:"namespace,omitempty"`
	// Start and End are seconds since the Unix epoch; End is 0 while the
	// span is in progress.
	Start      float64 `json:"start"`
	End        float64 `json:"end,omitempty"`
	InProgress bool    `json:"in_progress,omitempty"`
	// Error (4xx), Throttle (429) and Fault (5xx) are the document's flags.
	Error    bool `json:"error,omitempty"`
	Throttle bool `json:"throttle,omitempty"`
	Fault    bool `json:"fault,omitempty"`
	// HTTP is the http object, summarized.
	HTTP *HTTPInfo `json:"http,omitempty"`
	// AWS, SQL, Annotations and Metadata are the document's objects as
	// received.
	AWS         map[string]any `json:"aws,omitempty"`
	SQL         map[string]any `json:"sql,omitempty"`
	Annotations map[string]any `json:"annotations,omitempty"`
	Metadata    map[string]any `json:"metadata,omitempty"`
	// Exceptions are the cause's exceptions, at most 20.
	Exceptions []Exception `json:"exceptions,omitempty"`
	// Orphan is true when ParentID names a (sub)segment not received.
	Orphan bool `json:"orphan,omitempty"`
	// Links are the ids of the (sub)segments the document links to (its
	// links' "id"), at most 20: the producers of the messages it consumed.
	Links []string `json:"links,omitempty"`
	// Problems are the problems validate.Datagram found in the document this
	// span came in (on the document's top span only), at most 20.
	Problems []validate.Problem `json:"problems,omitempty"`
	// Children are the spans whose parent this is, by start time.
	Children []*Span `json:"children,omitempty"`
}

// Duration returns End-Start to the microsecond (the precision of the
// documents), or 0 while the span is in progress.
func (s *Span) Duration() time.Duration {
	if s.InProgress || s.End < s.Start {
		return 0
	}
	return seconds(s.End - s.Start).Round(time.Microsecond)
}

// HTTPInfo summarizes a span's http object.
type HTTPInfo struct {
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Status int    `json:"status,omitempty"`
}

// Exception is one exception of a span's cause.
type Exception struct {
	Type    string `json:"type,omitempty"`
	Message string `json:"message,omitempty"`
	Remote  bool   `json:"remote,omitempty"`
}

// TraceSummary describes a trace in the trace list.
type TraceSummary struct {
	ID string `json:"id"`
	// Root names the trace's first root span; URL and Status are its HTTP
	// request's, when it has one.
	Root   string `json:"root"`
	Method string `json:"method,omitempty"`
	URL    string `json:"url,omitempty"`
	Status int    `json:"status,omitempty"`
	// SamplingRule names the X-Ray sampling rule that sampled the trace, as
	// xraysampler records it in the root segment's default metadata
	// (aws.xray.sampling_rule); "" when the root has none.
	SamplingRule string `json:"sampling_rule,omitempty"`
	// Start and End are seconds since the Unix epoch over all spans.
	Start float64 `json:"start"`
	End   float64 `json:"end"`
	// DurationMS is End-Start in milliseconds.
	DurationMS float64 `json:"duration_ms"`
	// Services are the names of the trace's segments (and orphans' tops).
	Services []string `json:"services"`
	// Spans counts the trace's (sub)segments.
	Spans int `json:"spans"`
	// Format is the wire format the trace arrived in: "segments", or
	// "otlp" when any of its spans came as OTLP (T1S or T1U).
	Format string `json:"format"`
	// DocumentCount is the number of documents kept (len(Trace.Documents)).
	DocumentCount int `json:"document_count"`
	// Error, Throttle and Fault are true when any span has the flag.
	Error    bool `json:"error,omitempty"`
	Throttle bool `json:"throttle,omitempty"`
	Fault    bool `json:"fault,omitempty"`
	// InProgress is true while any span is in progress.
	InProgress bool `json:"in_progress,omitempty"`
	// Complete is true once the trace has been reported complete (see
	// WithSettle and WithOrphanTimeout) and nothing arrived since.
	Complete bool `json:"complete,omitempty"`
	// Orphans counts spans whose parent was not received.
	Orphans int `json:"orphans,omitempty"`
	// Problems counts the problems of its documents.
	Problems int `json:"problems,omitempty"`
	// Received is when its first document arrived; Updated its last.
	Received time.Time `json:"received"`
	Updated  time.Time `json:"updated"`
}

// Trace is an assembled trace: its spans as trees, and its documents.
type Trace struct {
	TraceSummary
	// Roots are the spans without a parent in the trace, by start time.
	Roots []*Span `json:"roots"`
	// Documents are the documents kept (for each id, the complete one over
	// an in-progress one, else the latest), in order of arrival, as
	// compact JSON.
	Documents []RawDocument `json:"documents"`
}

// RawDocument is one document as received (compacted).
type RawDocument []byte

// MarshalJSON returns the document itself.
func (d RawDocument) MarshalJSON() ([]byte, error) {
	if len(d) == 0 {
		return []byte("null"), nil
	}
	return d, nil
}

// UnmarshalJSON keeps the document as it is.
func (d *RawDocument) UnmarshalJSON(b []byte) error {
	*d = append((*d)[:0], b...)
	return nil
}

// Walk calls f for every span of t, depth first, with its depth (0 for
// roots), until f returns false.
func (t *Trace) Walk(f func(s *Span, depth int) bool) {
	var walk func(s *Span, depth int) bool
	walk = func(s *Span, depth int) bool {
		if !f(s, depth) {
			return false
		}
		for _, c := range s.Children {
			if !walk(c, depth+1) {
				return false
			}
		}
		return true
	}
	for _, r := range t.Roots {
		if !walk(r, 0) {
			return
		}
	}
}

// seconds converts float seconds to a Duration, saturating.
func seconds(f float64) time.Duration {
	ns := f * float64(time.Second)
	switch {
	case ns != ns: // NaN
		return 0
	case ns >= math.MaxInt64:
		return math.MaxInt64
	case ns <= math.MinInt64:
		return math.MinInt64
	}
	return time.Duration(ns)
}
