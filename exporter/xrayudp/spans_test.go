package xrayudp_test

import (
	"syscall"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/spantest"
)

var syscallECONNREFUSED = syscall.ECONNREFUSED

var testTrace = spantest.Trace

func sid(n uint64) trace.SpanID { return spantest.SpanID(n) }

// span returns a sampled span with id n whose parent is span p (0: none).
// Span 1 with no parent is the root segment.
func span(n, p uint64, attrs ...attribute.KeyValue) tracetest.SpanStub {
	return spantest.Span(n, p, attrs...)
}

// dynamoAttrs are the attributes of a typical DynamoDB call span.
func dynamoAttrs(i int) []attribute.KeyValue { return spantest.DynamoAttrs(i) }
