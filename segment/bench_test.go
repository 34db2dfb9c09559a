package segment_test

import (
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// BenchmarkTranslate is the per-span cost of turning a typical AWS SDK span
// into a Document (internal/wire's BenchmarkTranslateEncode adds encoding).
func BenchmarkTranslate(b *testing.B) {
	s := stub("DynamoDB.GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.region", "eu-west-1"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
		attribute.String("aws.request_id", "V4KQNSO5AEMVJF66Q9ASUAAJGG8RAAL9V2PJR4B0VCVR9LIJUFVV"),
		attribute.String("meta.a", "1"), attribute.String("meta.b", "2"), attribute.Int("meta.c", 3),
		attribute.Bool("meta.d", true), attribute.String("order.id", "42"),
	).Snapshot()
	tr := segment.NewTranslator(segment.Config{Indexed: []string{"order.id"}})
	b.ReportAllocs()
	for b.Loop() {
		if _, why := tr.Translate(s); why != segment.Keep {
			b.Fatal(why)
		}
	}
}
