package xrayudp_test

import (
	"encoding/binary"
	"syscall"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

var syscallECONNREFUSED = syscall.ECONNREFUSED

var testTrace = trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}

func sid(n uint64) trace.SpanID {
	var id trace.SpanID
	binary.BigEndian.PutUint64(id[:], n)
	return id
}

// span returns a sampled span with id n whose parent is span p (0: none).
// Span 1 with no parent is the root segment.
func span(n, p uint64, attrs ...attribute.KeyValue) tracetest.SpanStub {
	s := tracetest.SpanStub{
		Name:        "op",
		SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(n), TraceFlags: trace.FlagsSampled}),
		SpanKind:    trace.SpanKindInternal,
		StartTime:   time.Unix(1795255200, int64(n)*1000),
		EndTime:     time.Unix(1795255200, int64(n)*1000+500000),
		Attributes:  attrs,
	}
	if p != 0 {
		s.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(p), TraceFlags: trace.FlagsSampled})
	}
	return s
}
