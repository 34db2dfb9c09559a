package wire

import (
	"fmt"
	"strings"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/spantest"
	"github.com/otelxray/otelxray/segment"
)

// exampleSpan returns span aabbccdd00112233 of trace
// 1-5759e988-bd862e3fe1be46a994272793, a child of 53995c3f42cd8ad8 (remote or
// local), that ran for 1.5 ms.
func exampleSpan(name string, kind trace.SpanKind, remote bool, attrs ...attribute.KeyValue) sdktrace.ReadOnlySpan {
	s := spantest.Span(0xaabbccdd00112233, 0x53995c3f42cd8ad8, attrs...)
	s.Name, s.SpanKind, s.Parent = name, kind, s.Parent.WithRemote(remote)
	s.StartTime = time.Date(2026, 11, 21, 10, 0, 0, 123456789, time.UTC)
	s.EndTime = s.StartTime.Add(1500 * time.Microsecond)
	return s.Snapshot()
}

func ExampleAppendDocument() {
	s := exampleSpan("GetItem", trace.SpanKindClient, true,
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"))
	d, _ := segment.NewTranslator(segment.Config{Lambda: true}).Translate(s)
	fmt.Printf("%s\n", AppendDocument(nil, &d))
	// Output:
	// {"type":"subsegment","trace_id":"1-5759e988-bd862e3fe1be46a994272793","parent_id":"53995c3f42cd8ad8","name":"DynamoDB","id":"aabbccdd00112233","start_time":1795255200.123456,"end_time":1795255200.124956,"namespace":"aws","aws":{"operation":"GetItem","table_name":"orders"}}
}

func Example_appendFieldsLimited() {
	s := exampleSpan("upload", trace.SpanKindInternal, false,
		attribute.String("body", strings.Repeat("x", 100000)), attribute.String("user", "bob"))
	d, _ := segment.NewTranslator(segment.Config{}).Translate(s)
	fields, trimmed := appendFieldsLimited(nil, &d, 4096)
	fmt.Println(len(fields) <= 4096, trimmed)
	fmt.Printf("{%s}\n", fields)
	// Output:
	// true metadata
	// {"name":"upload","id":"aabbccdd00112233","start_time":1795255200.123456,"end_time":1795255200.124956,"metadata":{"default":{"user":"bob"},"otelxray":{"trimmed":"metadata"}}}
}

func ExamplePacker() {
	tr := segment.NewTranslator(segment.Config{})
	var p Packer
	for _, s := range (tracetest.SpanStubs{span(1, 0), span(2, 1), span(3, 1)}).Snapshots() {
		d, _ := tr.Translate(s)
		p.Add(&d)
	}
	p.Pack()
	for k := range p.Len() {
		fmt.Printf("%d spans: %s", p.Spans(k), p.Datagram(k))
	}
	// Output:
	// 3 spans: {"format":"json","version":1}
	// {"name":"op","id":"0000000000000001","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1795255200.000001,"end_time":1795255200.000501,"subsegments":[{"name":"op","id":"0000000000000002","start_time":1795255200.000002,"end_time":1795255200.000502},{"name":"op","id":"0000000000000003","start_time":1795255200.000003,"end_time":1795255200.000503}]}
}
