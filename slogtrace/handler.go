package slogtrace

import (
	"context"
	"log/slog"
	"slices"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/trace"
)

// Keys of the attributes the Handler adds.
const (
	// KeyXRayTraceID is the trace id in X-Ray's form, as the X-Ray console
	// and CloudWatch's trace-to-logs correlation search it.
	KeyXRayTraceID = "xray_trace_id"
	// KeyTraceID is the W3C trace id: 32 lower-case hex digits.
	KeyTraceID = "trace_id"
	// KeySpanID is the span id: 16 lower-case hex digits.
	KeySpanID = "span_id"
	// KeyRequestID is the Lambda request id, under the name Lambda's own
	// JSON log lines give it.
	KeyRequestID = "requestId"
	// KeyDatadogTraceID is the low 64 bits of the trace id in decimal, with
	// WithDatadog.
	KeyDatadogTraceID = "dd.trace_id"
	// KeyDatadogSpanID is the span id in decimal, with WithDatadog.
	KeyDatadogSpanID = "dd.span_id"
)

// Handler wraps a slog.Handler and adds the trace ids of each record's
// context at the top level of the record. Build it with NewHandler or
// NewLambdaHandler; it is safe for concurrent use.
type Handler struct {
	// root is the wrapped handler with the attributes added before any
	// group: the ids go there, at the top level.
	root slog.Handler
	// ops are the groups and attributes added since the first group, in
	// order; inner is root with them applied.
	ops     []op
	inner   slog.Handler
	ids     *idCache
	grouped *groupedCache // nil until a group is open
}

// op is one WithGroup (group set) or WithAttrs call after the first group.
type op struct {
	group string
	attrs []slog.Attr
}

// NewHandler returns a Handler that passes records to h with the trace ids
// of their context added.
func NewHandler(h slog.Handler, opts ...Option) *Handler {
	var o options
	for _, opt := range opts {
		if opt != nil {
			opt(&o)
		}
	}
	return &Handler{root: h, inner: h, ids: &idCache{datadog: o.datadog}}
}

// Enabled reports whether the wrapped handler handles records of level l.
func (h *Handler) Enabled(ctx context.Context, l slog.Level) bool {
	return h.inner.Enabled(ctx, l)
}

// Handle adds the ids of ctx to r and passes it on. A context with no valid
// span and no Lambda request id adds nothing.
func (h *Handler) Handle(ctx context.Context, r slog.Record) error {
	var span []slog.Attr
	if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
		span = h.ids.attrs(sc.TraceID(), sc.SpanID())
	}
	var request string
	if lc, ok := lambdacontext.FromContext(ctx); ok && lc != nil {
		request = lc.AwsRequestID
	}
	if span == nil && request == "" {
		return h.inner.Handle(ctx, r)
	}
	if len(h.ops) == 0 {
		// One AddAttrs call: the record's overflow slice grows at most once.
		var buf [6]slog.Attr
		all := append(buf[:0], span...)
		if request != "" {
			all = append(all, slog.String(KeyRequestID, request))
		}
		r = r.Clone() // r's attributes may be shared with another handler's copy
		r.AddAttrs(all...)
		return h.root.Handle(ctx, r)
	}
	return h.grouped.handler(h, span, request).Handle(ctx, r)
}

// WithAttrs returns a Handler whose records carry attrs, in the group
// opened last, as the wrapped handler's WithAttrs does.
func (h *Handler) WithAttrs(attrs []slog.Attr) slog.Handler {
	if len(attrs) == 0 {
		return h
	}
	c := *h
	if len(h.ops) == 0 {
		c.root = h.root.WithAttrs(attrs) // no group is open: the top level
		c.inner = c.root
		return &c
	}
	c.ops = append(slices.Clip(h.ops), op{attrs: slices.Clone(attrs)})
	c.inner = h.inner.WithAttrs(attrs) // attrs is now the inner handler's
	c.grouped = new(groupedCache)
	return &c
}

// WithGroup returns a Handler whose record attributes (and later
// WithAttrs) go under name. The trace ids stay at the top level.
func (h *Handler) WithGroup(name string) slog.Handler {
	if name == "" {
		return h
	}
	c := *h
	c.ops = append(slices.Clip(h.ops), op{group: name})
	c.inner = h.inner.WithGroup(name)
	c.grouped = new(groupedCache)
	return &c
}
