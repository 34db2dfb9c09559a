package spantest

import (
	"encoding/binary"
	"fmt"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
)

// Trace is the trace every span of this package belongs to,
// 1-5759e988-bd862e3fe1be46a994272793 in X-Ray's form.
var Trace = trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}

// SpanID returns the span ID whose 8 bytes are n, big-endian.
func SpanID(n uint64) trace.SpanID {
	var id trace.SpanID
	binary.BigEndian.PutUint64(id[:], n)
	return id
}

// Context returns the sampled, local span context of span n of Trace.
func Context(n uint64) trace.SpanContext {
	return trace.NewSpanContext(trace.SpanContextConfig{TraceID: Trace, SpanID: SpanID(n), TraceFlags: trace.FlagsSampled})
}

// Span returns span n of Trace, an internal span named "op" that starts n
// microseconds after 2026-11-21T10:00:00Z and lasts 0.5 ms, with parent span
// p (0: no parent). Span 1 with no parent is a root segment.
func Span(n, p uint64, attrs ...attribute.KeyValue) tracetest.SpanStub {
	s := tracetest.SpanStub{
		Name:        "op",
		SpanContext: Context(n),
		SpanKind:    trace.SpanKindInternal,
		StartTime:   time.Unix(1795255200, int64(n)*1000),
		EndTime:     time.Unix(1795255200, int64(n)*1000+500000),
		Attributes:  attrs,
	}
	if p != 0 {
		s.Parent = Context(p)
	}
	return s
}

// DynamoAttrs are the attributes of a typical DynamoDB GetItem call span;
// i makes the request ID unique.
func DynamoAttrs(i int) []attribute.KeyValue {
	return []attribute.KeyValue{
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.region", "eu-west-1"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
		attribute.String("aws.request_id", fmt.Sprintf("%036d", i)),
		attribute.Int("http.response.status_code", 200),
	}
}
