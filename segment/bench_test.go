package segment_test

import (
	"fmt"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/spantest"
	"github.com/otelxray/otelxray/segment"
)

// dynamoBatch is an invocation's 100 DynamoDB GetItem children (Lambda
// mode): the same keys in the same order on every span, 4 metadata
// attributes and 1 annotation each. indexed chooses how the annotation is
// asked for: Config.Indexed (and aws.dynamodb.table_names, an HTTP status)
// or aws.xray.annotations on the span (and aws.table_name).
func dynamoBatch(indexed bool) []sdktrace.ReadOnlySpan {
	var stubs tracetest.SpanStubs
	for i := range 100 {
		var attrs []attribute.KeyValue
		if indexed {
			attrs = append(spantest.DynamoAttrs(i),
				attribute.String("meta.a", "alpha"), attribute.String("meta.b", "beta"),
				attribute.Int("meta.c", i), attribute.Bool("meta.d", true), attribute.String("order.id", "42"))
		} else {
			attrs = []attribute.KeyValue{
				attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
				attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"),
				attribute.String("aws.region", "eu-west-1"), attribute.String("aws.request_id", fmt.Sprintf("%036d", i)),
				attribute.String("meta.customer", "c-42"), attribute.Int("meta.index", i),
				attribute.Bool("meta.cached", false), attribute.String("meta.note", fmt.Sprint("item ", i)),
				attribute.String("order.id", "42"),
				attribute.StringSlice("aws.xray.annotations", []string{"order.id"}),
			}
		}
		s := spantest.Span(uint64(i+2), 1, attrs...)
		s.Name, s.SpanKind = "DynamoDB.GetItem", trace.SpanKindClient
		stubs = append(stubs, s)
	}
	return stubs.Snapshots()
}

// changingKeys is dynamoBatch(false) with a metadata key of its own on
// every span: no two spans share their key list.
func changingKeys() []sdktrace.ReadOnlySpan {
	var stubs tracetest.SpanStubs
	for i, s := range dynamoBatch(false) {
		st := tracetest.SpanStubFromReadOnlySpan(s)
		st.Attributes = append(st.Attributes, attribute.Int(fmt.Sprintf("meta.key%d", i), i))
		stubs = append(stubs, st)
	}
	return stubs.Snapshots()
}

// richBatch is 100 spans of richSpans' first five kinds in turn: HTTP
// server and client, SQL, a failure with a stack, links; with one
// resource, as a process's spans have.
func richBatch() []sdktrace.ReadOnlySpan {
	kinds := richSpans()[:5]
	var stubs tracetest.SpanStubs
	for i := range 100 {
		s := kinds[i%len(kinds)].span
		s.Resource = kinds[0].span.Resource
		stubs = append(stubs, s)
	}
	return stubs.Snapshots()
}

// BenchmarkTranslateWith is the translation of one batch of 100 spans that
// share their key list, through one reused Scratch, as the exporter does;
// changing-keys is the same batch where no two spans share their keys, and
// rich a batch of HTTP, SQL, exception and linked spans.
func BenchmarkTranslateWith(b *testing.B) {
	for _, c := range []struct {
		name    string
		indexed bool
		cfg     segment.Config
	}{
		{"dynamodb", false, segment.Config{Lambda: true}},
		{"dynamodb-indexed", true, segment.Config{Lambda: true, Indexed: []string{"order.id"}}},
		{"changing-keys", false, segment.Config{Lambda: true}},
		{"rich", false, segment.Config{Lambda: true}},
	} {
		b.Run(c.name, func(b *testing.B) {
			spans := dynamoBatch(c.indexed)
			switch c.name {
			case "changing-keys":
				spans = changingKeys()
			case "rich":
				spans = richBatch()
			}
			tr := segment.NewTranslator(c.cfg)
			var sc segment.Scratch
			b.ReportAllocs()
			for b.Loop() {
				for _, s := range spans {
					if _, why := tr.TranslateWith(&sc, s); why != segment.Keep {
						b.Fatal(why)
					}
				}
				sc.Reset()
			}
		})
	}
}
