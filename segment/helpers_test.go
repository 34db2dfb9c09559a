package segment_test

import (
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

var (
	traceID  = trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}
	spanID   = trace.SpanID{0xaa, 0xbb, 0xcc, 0xdd, 0x00, 0x11, 0x22, 0x33}
	parentID = trace.SpanID{0x53, 0x99, 0x5c, 0x3f, 0x42, 0xcd, 0x8a, 0xd8}
	start    = time.Date(2026, 11, 21, 10, 0, 0, 123456789, time.UTC)
)

// stub returns a sampled span with fixed IDs and times; parent may be
// invalid, local or remote.
func stub(name string, kind trace.SpanKind, parent trace.SpanContext, attrs ...attribute.KeyValue) tracetest.SpanStub {
	return tracetest.SpanStub{
		Name: name,
		SpanContext: trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: traceID, SpanID: spanID, TraceFlags: trace.FlagsSampled,
		}),
		Parent:     parent,
		SpanKind:   kind,
		StartTime:  start,
		EndTime:    start.Add(1500 * time.Microsecond),
		Attributes: attrs,
		Resource:   resource.NewSchemaless(attribute.String("service.name", "orders-api")),
	}
}

func localParent() trace.SpanContext {
	return trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: parentID, TraceFlags: trace.FlagsSampled})
}

func remoteParent() trace.SpanContext {
	return trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: parentID, TraceFlags: trace.FlagsSampled, Remote: true})
}

// encode translates s and encodes it as a standalone document.
func encode(tr *segment.Translator, s sdktrace.ReadOnlySpan) ([]byte, segment.DropReason) {
	d, why := tr.Translate(s)
	if why != segment.Keep {
		return nil, why
	}
	return wire.AppendDocument(nil, &d), why
}
