package wire

import (
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// BenchmarkTranslateEncode is the per-span cost of turning a typical AWS SDK
// span into document bytes.
func BenchmarkTranslateEncode(b *testing.B) {
	s := child("DynamoDB.GetItem", trace.SpanKindClient,
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
		buf = appendFields(buf[:0], &d)
	}
	b.ReportMetric(float64(len(buf)), "bytes/doc")
}

// BenchmarkPack is the cost of packing one invocation's documents (a
// handler and 100 DynamoDB calls), translated once, with a reused Packer.
func BenchmarkPack(b *testing.B) {
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 101; i++ {
		stubs = append(stubs, span(i, 1, dynamoAttrs(int(i))...))
	}
	tr := segment.NewTranslator(segment.Config{})
	var docs []segment.Document
	for _, s := range stubs.Snapshots() {
		d, _ := tr.Translate(s)
		docs = append(docs, d)
	}
	var p Packer
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		for i := range docs {
			p.Add(&docs[i])
		}
		p.Pack()
	}
	b.ReportMetric(float64(p.Len()), "datagrams/op")
}

// BenchmarkAppendDocument is the encoder alone on a translated AWS SDK span;
// it must not allocate.
func BenchmarkAppendDocument(b *testing.B) {
	s := child("DynamoDB.GetItem", trace.SpanKindClient,
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders", "audit"}),
		attribute.Int("http.response.status_code", 200), attribute.Int("meta.c", 3)).Snapshot()
	d, _ := segment.NewTranslator(segment.Config{}).Translate(s)
	buf := make([]byte, 0, 4096)
	b.ReportAllocs()
	for b.Loop() {
		buf = AppendDocument(buf[:0], &d)
	}
	b.ReportMetric(float64(len(buf)), "bytes/doc")
}
