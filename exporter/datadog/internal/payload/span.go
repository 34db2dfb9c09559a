package payload

// Span is one span in Datadog's v0.4 model.
type Span struct {
	Service, Name, Resource, Type string
	TraceID, SpanID, ParentID     uint64
	Start, Duration               int64 // nanoseconds
	Error                         int32
	Meta                          map[string]string
	Metrics                       map[string]float64
	Links                         []Link
	// HeaderParent, not sent, is the parent Lambda's header gave an
	// invocation span (the function's own X-Ray segment, which Datadog
	// never gets) when the span hangs from the event's context instead;
	// other spans of the invocation under that segment move there too.
	HeaderParent uint64
}

// Link is a span link in Datadog's model.
type Link struct {
	TraceID, TraceIDHigh, SpanID uint64
	Attributes                   map[string]string
	Tracestate                   string
	Flags                        uint32
}
