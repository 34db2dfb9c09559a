package wire

import (
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/segment"
)

func TestHeaderFitsTheLimits(t *testing.T) {
	if got, want := len(Header), segment.MaxDatagramSize-segment.MaxDocumentSize; got != want {
		t.Errorf("header takes %d bytes, segment's limits leave %d", got, want)
	}
}

func TestPacking1000SpanTree(t *testing.T) {
	// A handler with 9 operations of 110 DynamoDB calls each: 1,000 spans.
	stubs := tracetest.SpanStubs{span(1, 0)}
	next := uint64(2)
	for range 9 {
		op := next
		stubs = append(stubs, span(op, 1))
		next++
		for range 110 {
			stubs = append(stubs, span(next, op, dynamoAttrs(int(next))...))
			next++
		}
	}
	if len(stubs) != 1000 {
		t.Fatalf("%d spans", len(stubs))
	}
	_, gs := pack(t, segment.Config{}, stubs)
	checkAllOnce(t, gs, 1000)
	if len(gs) > 10 {
		t.Errorf("%d datagrams for 1,000 spans, want at most 10", len(gs))
	}
	var total int
	for _, g := range gs {
		total += len(g.Raw)
	}
	t.Logf("1,000-span tree: %d datagrams, %d bytes (largest limit 64,000)", len(gs), total)
}

func TestPacking1000FlatChildren(t *testing.T) {
	// One handler with 999 direct children: a document holds one parent, so
	// the children that do not fit go out one per datagram.
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 1000; i++ {
		stubs = append(stubs, span(i, 1, dynamoAttrs(int(i))...))
	}
	_, gs := pack(t, segment.Config{}, stubs)
	checkAllOnce(t, gs, 1000)
	t.Logf("1,000 flat spans: %d datagrams", len(gs))
}

func TestPackingDeepChain(t *testing.T) {
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 500; i++ {
		stubs = append(stubs, span(i, i-1))
	}
	_, gs := pack(t, segment.Config{}, stubs)
	checkAllOnce(t, gs, 500)
	if len(gs) > 10 {
		t.Errorf("%d datagrams for a 500-span chain", len(gs))
	}
}

func TestPackingCycleAndDuplicates(t *testing.T) {
	// Hand-made IDs can form a cycle (2 -> 3 -> 2); each span must still go
	// out exactly once.
	stubs := tracetest.SpanStubs{span(1, 0), span(2, 3), span(3, 2), span(4, 4)}
	_, gs := pack(t, segment.Config{}, stubs)
	checkAllOnce(t, gs, 4)
}

func TestPackingDropsOrphans(t *testing.T) {
	// Span 2 was dropped before packing: its descendants 3 and 4 go with it,
	// span 5 (a child of the kept span 1) stays.
	tr := segment.NewTranslator(segment.Config{})
	p := new(Packer)
	p.Drop(spanContext(2).SpanID())
	for _, s := range (tracetest.SpanStubs{span(1, 0), span(3, 2), span(4, 3), span(5, 1)}).Snapshots() {
		d, _ := tr.Translate(s)
		p.Add(&d)
	}
	p.Pack()
	if p.Orphans() != 2 || p.Len() != 1 || p.Spans(0) != 2 {
		t.Errorf("orphans %d, datagrams %d, spans in the first %d; want 2, 1, 2", p.Orphans(), p.Len(), p.Spans(0))
	}
	p.Reset()
	if p.Len() != 0 || p.Orphans() != 0 || !p.Reusable() {
		t.Errorf("after Reset: %d datagrams, %d orphans, reusable %v", p.Len(), p.Orphans(), p.Reusable())
	}
}

func TestDatagramsRootFirst(t *testing.T) {
	// When a receiver cannot keep up it loses the last datagrams of a
	// flush: those must be the leaves, never the root. Before, the root (the
	// largest document) went out last of ~786 datagrams.
	// Spans come in the order they ended: children before their parents.
	var flat tracetest.SpanStubs
	for i := uint64(2); i <= 1000; i++ {
		flat = append(flat, span(i, 1, dynamoAttrs(int(i))...))
	}
	flat = append(flat, span(1, 0))
	// Three levels deep, each too big to nest in one document.
	var deep tracetest.SpanStubs
	next := uint64(2)
	for range 9 {
		op := next
		next++
		for range 110 {
			deep = append(deep, span(next, op, dynamoAttrs(int(next))...))
			next++
		}
		deep = append(deep, span(op, 1, dynamoAttrs(int(op))...))
	}
	deep = append(deep, span(1, 0))
	for name, stubs := range map[string]tracetest.SpanStubs{"flat": flat, "three levels": deep} {
		t.Run(name, func(t *testing.T) {
			parent := map[string]string{}
			for _, s := range stubs {
				parent[s.SpanContext.SpanID().String()] = s.Parent.SpanID().String()
			}
			depth := func(id string) (n int) { // the number of ancestors in the batch
				for up := parent[id]; parent[up] != ""; up = parent[up] {
					n++
				}
				return n
			}
			_, gs := pack(t, segment.Config{}, stubs)
			checkAllOnce(t, gs, len(stubs))
			if id := gs[0].Doc["id"]; id != spanContext(1).SpanID().String() {
				t.Errorf("first datagram is %v, want the root", id)
			}
			last := 0
			for k, g := range gs {
				d := depth(g.Doc["id"].(string))
				if d < last {
					t.Fatalf("datagram %d of %d holds a document at depth %d after one at depth %d", k, len(gs), d, last)
				}
				last = d
			}
		})
	}
}
