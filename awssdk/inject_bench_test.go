package awssdk

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

// BenchmarkInject is the added cost per send: the carriers of the call's
// span and the edit of a serialized one-message body.
func BenchmarkInject(b *testing.B) {
	tid, _ := trace.TraceIDFromHex("6758a1b2c3d4e5f60123456789abcdef")
	sid, _ := trace.SpanIDFromHex("00f067aa0ba902b7")
	ctx := trace.ContextWithSpanContext(context.Background(),
		trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}))
	sqsBody := []byte(`{"QueueUrl":"https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes","MessageBody":"{\"order\":42,\"status\":\"paid\"}",` +
		`"MessageAttributes":{"customer":{"DataType":"String","StringValue":"c-1"}}}`)
	snsBody := []byte("Action=Publish&Version=2010-03-31&TopicArn=arn%3Aaws%3Asns%3Aeu-west-1%3A123456789012%3Aorder-events&Message=%7B%22order%22%3A42%7D")
	for _, bc := range []struct {
		name    string
		edit    editor
		body    []byte
		datadog bool
	}{
		{"SQS", editSQSSend, sqsBody, false},
		{"SQS+datadog", editSQSSend, sqsBody, true},
		{"SNS", editSNSPublish, snsBody, false},
		{"SNS+datadog", editSNSPublish, snsBody, true},
	} {
		m := &instrumentation{datadog: bc.datadog}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				var r injection
				if bc.edit(bc.body, m.carriers(ctx, trace.SpanContextFromContext(ctx)), &r) == nil {
					b.Fatal("no edit")
				}
			}
		})
	}
}
