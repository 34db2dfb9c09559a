package slogtrace

import (
	"log/slog"
	"strconv"
	"sync/atomic"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/segment"
)

// idCache holds the id attributes of the span logged last: the records of
// one span reuse its formatted ids.
type idCache struct {
	datadog bool
	last    atomic.Pointer[spanIDs]
}

type spanIDs struct {
	trace trace.TraceID
	span  trace.SpanID
	attrs []slog.Attr
}

// attrs returns the id attributes of the span; the caller must not change
// the slice.
func (c *idCache) attrs(tid trace.TraceID, sid trace.SpanID) []slog.Attr {
	if l := c.last.Load(); l != nil && l.trace == tid && l.span == sid {
		return l.attrs
	}
	n := 3
	if c.datadog {
		n = 5
	}
	attrs := make([]slog.Attr, 0, n)
	attrs = append(attrs,
		slog.String(KeyXRayTraceID, segment.TraceIDString(tid)),
		slog.String(KeyTraceID, tid.String()),
		slog.String(KeySpanID, sid.String()),
	)
	if c.datadog {
		low, _ := ddtrace.TraceID(tid)
		attrs = append(attrs,
			slog.String(KeyDatadogTraceID, strconv.FormatUint(low, 10)),
			slog.String(KeyDatadogSpanID, strconv.FormatUint(ddtrace.SpanID(sid), 10)),
		)
	}
	c.last.Store(&spanIDs{trace: tid, span: sid, attrs: attrs})
	return attrs
}
