package segment_test

import (
	"fmt"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

func ExampleTranslator_Translate() {
	s := stub("GetItem", trace.SpanKindClient, remoteParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"))
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	d, why := tr.Translate(s.Snapshot())
	fmt.Println(why, d.Name, d.Namespace, d.AWS.Operation, d.AWS.TableName)
	fmt.Println(d.Subsegment, d.TraceID, d.ParentID)
	// Output:
	// kept DynamoDB aws GetItem orders
	// true 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8
}

func ExampleTraceIDString() {
	id := trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}
	fmt.Println(segment.TraceIDString(id))
	// Output: 1-5759e988-bd862e3fe1be46a994272793
}

func ExampleParseTraceID() {
	id, err := segment.ParseTraceID("1-5759e988-bd862e3fe1be46a994272793")
	fmt.Println(id, err)
	_, err = segment.ParseTraceID("5759e988bd862e3fe1be46a994272793")
	fmt.Println(err)
	// Output:
	// 5759e988bd862e3fe1be46a994272793 <nil>
	// segment: not an X-Ray trace ID: "5759e988bd862e3fe1be46a994272793": want 1-<8 hex>-<24 hex>
}

func ExampleSanitizeName() {
	fmt.Printf("%q\n", segment.SanitizeName("GET /orders/{id} <v2>"))
	fmt.Printf("%q\n", segment.SanitizeName("\xff<>"))
	// Output:
	// "GET /orders/id v2"
	// ""
}

func ExampleSanitizeAnnotationKey() {
	fmt.Println(segment.SanitizeAnnotationKey("order.id"))
	// Output: order_id
}

func ExampleSanitizeAWSKey() {
	fmt.Println(segment.SanitizeAWSKey("TableName"), segment.SanitizeAWSKey("key_name"))
	// Output: table_name key_name
}

func ExampleSanitizeMetadataKey() {
	fmt.Println(segment.SanitizeMetadataKey("AWS.region"), segment.SanitizeMetadataKey("region"))
	// Output: _AWS.region region
}

func ExampleParseGoStack() {
	frames, truncated := segment.ParseGoStack("goroutine 1 [running]:\nmain.handle(0x1)\n\t/src/main.go:12 +0x1d\nmain.main()\n\t/src/main.go:5 +0x25\n")
	for _, f := range frames {
		fmt.Printf("%s %s:%d\n", f.Label, f.Path, f.Line)
	}
	fmt.Println("truncated:", truncated)
	// Output:
	// main.handle /src/main.go:12
	// main.main /src/main.go:5
	// truncated: 0
}

func ExampleTranslator_TranslateWith() {
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	var sc segment.Scratch // one per batch being encoded; reuse it
	for range 2 {
		for _, s := range []tracetest.SpanStub{
			stub("GetItem", trace.SpanKindClient, remoteParent(), attribute.String("rpc.system", "aws-api"),
				attribute.String("rpc.service", "DynamoDB"), attribute.String("rpc.method", "GetItem")),
		} {
			d, why := tr.TranslateWith(&sc, s.Snapshot())
			fmt.Println(why, d.Name, d.AWS.Operation)
		}
		sc.Reset() // once the batch's documents are encoded
	}
	// Output:
	// kept DynamoDB GetItem
	// kept DynamoDB GetItem
}
