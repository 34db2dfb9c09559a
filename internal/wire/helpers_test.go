package wire

import (
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/spantest"
	"github.com/otelxray/otelxray/segment"
)

// spanContext is the sampled context of span n of the test trace.
func spanContext(n uint64) trace.SpanContext { return spantest.Context(n) }

// span returns internal span n named "op", a child of span p (0: a root),
// 0.5 ms long.
func span(n, p uint64, attrs ...attribute.KeyValue) tracetest.SpanStub {
	return spantest.Span(n, p, attrs...)
}

// dynamoAttrs are the attributes of a typical DynamoDB call span.
func dynamoAttrs(i int) []attribute.KeyValue { return spantest.DynamoAttrs(i) }

// pack translates stubs with cfg, packs what the translator keeps, and
// returns the packer and its datagrams as the daemon would parse them.
func pack(t testing.TB, cfg segment.Config, stubs tracetest.SpanStubs) (*Packer, []fakedaemon.Datagram) {
	t.Helper()
	tr := segment.NewTranslator(cfg)
	p := new(Packer)
	for _, s := range stubs.Snapshots() {
		d, why := tr.Translate(s)
		if why != segment.Keep {
			t.Fatalf("span %s dropped: %v", s.SpanContext().SpanID(), why)
		}
		p.Add(&d)
	}
	p.Pack()
	gs := make([]fakedaemon.Datagram, p.Len())
	for k := range gs {
		gs[k] = fakedaemon.Parse(append([]byte(nil), p.Datagram(k)...))
	}
	return p, gs
}

// checkAllOnce asserts that every span id 1..n arrived exactly once, in
// valid datagrams within the limit.
func checkAllOnce(t *testing.T, gs []fakedaemon.Datagram, n int) {
	t.Helper()
	for _, g := range gs {
		if g.Invalid != nil || len(g.Raw) > segment.MaxDatagramSize {
			t.Errorf("datagram of %d bytes (limit %d): %v\n%.1000s", len(g.Raw), segment.MaxDatagramSize, g.Invalid, g.Raw)
		}
	}
	docs, err := fakedaemon.Documents(gs)
	if err != nil {
		t.Fatal(err)
	}
	for i := 1; i <= n; i++ {
		if _, ok := docs[spanContext(uint64(i)).SpanID().String()]; !ok {
			t.Fatalf("span %d missing (%d of %d arrived in %d datagrams)", i, len(docs), n, len(gs))
		}
	}
	if len(docs) != n {
		t.Fatalf("%d documents, want %d", len(docs), n)
	}
}
