package segment_test

import (
	"bytes"
	"fmt"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// TestTranslateWithMatchesTranslate translates every golden case, as one
// batch through one Scratch, three times with a Reset between: each document
// must encode as Translate's does, after the later documents of its batch
// were translated (nothing is shared or overwritten).
func TestTranslateWithMatchesTranslate(t *testing.T) {
	cases := goldenCases()
	var sc segment.Scratch
	for round := range 3 {
		docs := make([]segment.Document, len(cases))
		for i, c := range cases {
			tr := segment.NewTranslator(c.cfg)
			docs[i], _ = tr.TranslateWith(&sc, c.span().Snapshot())
		}
		for i, c := range cases {
			tr := segment.NewTranslator(c.cfg)
			want, _ := encode(tr, c.span().Snapshot())
			if got := wire.AppendDocument(nil, &docs[i]); !bytes.Equal(got, want) {
				t.Fatalf("round %d, %s:\n got %s\nwant %s", round, c.name, got, want)
			}
		}
		sc.Reset()
	}
}

// TestScratchCachesAreBounded feeds spans with ever-new annotation keys and
// annotation lists: every document stays right.
func TestScratchCachesAreBounded(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{IndexAll: true})
	var sc segment.Scratch
	for i := range 2000 {
		k := fmt.Sprintf("key.%d", i)
		s := stub("op", trace.SpanKindServer, remoteParent(), attribute.String(k, "v"),
			attribute.StringSlice("aws.xray.annotations", []string{k}))
		d, _ := tr.TranslateWith(&sc, s.Snapshot())
		if want := fmt.Sprintf("key_%d", i); len(d.Annotations) != 1 || d.Annotations[0].Key != want {
			t.Fatalf("span %d: annotations %v, want one %s", i, d.Annotations, want)
		}
		sc.Reset()
	}
}

// TestTranslateWithAllocations checks that a span without HTTP, SQL or
// exception data costs no allocation once the Scratch has grown.
func TestTranslateWithAllocations(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	s := stub("GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"),
		attribute.String("meta.note", "item 1"), attribute.String("order.id", "42"),
		attribute.StringSlice("aws.xray.annotations", []string{"order.id"})).Snapshot()
	tables := stub("GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}), attribute.Int("meta.c", 3)).Snapshot()
	var sc segment.Scratch
	allocs := testing.AllocsPerRun(100, func() {
		for range 5 {
			tr.TranslateWith(&sc, s)
			tr.TranslateWith(&sc, tables)
		}
		sc.Reset()
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 10 spans, want 0", allocs)
	}
}
