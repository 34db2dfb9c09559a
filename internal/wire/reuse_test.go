package wire

import (
	"bytes"
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/segment"
)

// TestPackerReuse packs batches one after the other on one Packer (orphans
// dropped, trees of different shapes) and checks each against a fresh
// Packer: nothing from an earlier batch (children buffers, scratch memory)
// may leak into a later one.
func TestPackerReuse(t *testing.T) {
	batches := []struct {
		drop  uint64
		stubs tracetest.SpanStubs
	}{
		{2, tracetest.SpanStubs{span(1, 0), span(3, 2), span(4, 3), span(5, 1), span(6, 1), span(7, 6)}},
		{0, tracetest.SpanStubs{span(11, 12), span(12, 13), span(13, 0), span(14, 13), span(15, 11)}},
		{21, tracetest.SpanStubs{span(22, 21), span(23, 0), span(24, 23), span(25, 23), span(26, 25)}},
		{0, tracetest.SpanStubs{span(1, 0), span(2, 1), span(3, 1), span(4, 2), span(5, 4), span(6, 5)}},
	}
	tr := segment.NewTranslator(segment.Config{})
	run := func(p *Packer, drop uint64, stubs tracetest.SpanStubs) [][]byte {
		if drop != 0 {
			p.Drop(spanContext(drop).SpanID())
		}
		for _, s := range stubs.Snapshots() {
			d, _ := tr.TranslateWith(p.Scratch(), s)
			p.Add(&d)
		}
		p.Pack()
		var out [][]byte
		for k := range p.Len() {
			out = append(out, bytes.Clone(p.Datagram(k)))
		}
		return out
	}
	reused := new(Packer)
	for round := range 3 {
		for i, b := range batches {
			want := run(new(Packer), b.drop, b.stubs)
			got := run(reused, b.drop, b.stubs)
			reused.Reset()
			if len(got) != len(want) {
				t.Fatalf("round %d batch %d: %d datagrams, want %d", round, i, len(got), len(want))
			}
			for k := range want {
				if !bytes.Equal(got[k], want[k]) {
					t.Fatalf("round %d batch %d datagram %d:\n got %s\nwant %s", round, i, k, got[k], want[k])
				}
			}
		}
	}
}
