package metadata_test

import (
	"context"
	"fmt"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

// Every AWS SDK call made with ctx (through package awssdk) is recorded with
// these values, unless its own request names them.
func ExampleWith() {
	ctx := metadata.With(context.Background(), metadata.AWS{
		TableName:   "orders",
		Annotations: []attribute.KeyValue{attribute.String("tenant", "acme")},
	})
	// A nested With adds to the enclosing one; its values win.
	ctx = metadata.With(ctx, metadata.AWS{Params: []attribute.KeyValue{attribute.Int("item_count", 3)}})

	for _, kv := range metadata.Attributes(ctx) {
		fmt.Println(kv.Key, kv.Value.String())
	}
	// Output:
	// aws.table_name orders
	// aws.item_count 3
	// tenant acme
	// aws.xray.annotations ["tenant"]
}

func ExampleFrom() {
	ctx := metadata.With(context.Background(), metadata.AWS{QueueURL: "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"})
	m, ok := metadata.From(ctx)
	fmt.Println(ok, m.QueueURL)
	// Output: true https://sqs.eu-west-1.amazonaws.com/123456789012/orders
}

func ExampleAttributes() {
	ctx := metadata.With(context.Background(), metadata.AWS{BucketName: "invoices"})
	// Instrumentation of other AWS clients can add the same attributes to
	// its spans: span.SetAttributes(metadata.Attributes(ctx)...)
	for _, kv := range metadata.Attributes(ctx) {
		fmt.Println(kv.Key, kv.Value.String())
	}
	// Output: aws.bucket_name invoices
}

func ExampleAWS_Attributes() {
	m := metadata.AWS{FunctionName: "resize", Params: []attribute.KeyValue{attribute.String("qualifier", "live")}}
	for _, kv := range m.Attributes() {
		fmt.Println(kv.Key, kv.Value.String())
	}
	// Output:
	// aws.function_name resize
	// aws.qualifier live
}

// Annotations are indexed: X-Ray can search traces by them
// (annotation.order_id = "42"). Set them all in one call per span.
func ExampleAnnotate() {
	attrs := metadata.Annotate(attribute.String("order.id", "42"), attribute.Bool("vip", true))
	// span.SetAttributes(attrs...)
	for _, kv := range attrs {
		fmt.Println(kv.Key, kv.Value.String())
	}
	// Output:
	// order.id 42
	// vip true
	// aws.xray.annotations ["order.id","vip"]
}
