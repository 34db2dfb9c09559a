package segment_test

import (
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// BenchmarkTranslateEncode is the per-span cost of turning a typical AWS SDK
// span into document bytes.
func BenchmarkTranslateEncode(b *testing.B) {
	s := stub("DynamoDB.GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.region", "eu-west-1"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
		attribute.String("aws.request_id", "V4KQNSO5AEMVJF66Q9ASUAAJGG8RAAL9V2PJR4B0VCVR9LIJUFVV"),
		attribute.String("meta.a", "1"), attribute.String("meta.b", "2"), attribute.Int("meta.c", 3),
		attribute.Bool("meta.d", true), attribute.String("order.id", "42"),
	).Snapshot()
	tr := segment.NewTranslator(segment.Config{Indexed: []string{"order.id"}})
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		d, _ := tr.Translate(s)
		buf = segment.AppendFields(buf[:0], &d)
	}
	b.ReportMetric(float64(len(buf)), "bytes/doc")
}
