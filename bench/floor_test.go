package bench

import (
	"bytes"
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// TestFloorMatchesExporter checks that the floor writes, byte for byte, the
// datagram xrayudp sends for the benchmark's invocation.
func TestFloorMatchesExporter(t *testing.T) {
	for _, n := range sizes {
		t.Run(fmt.Sprintf("N=%d", n), func(t *testing.T) {
			spans, err := Capture(n)
			if err != nil {
				t.Fatal(err)
			}
			r, err := NewReceiver(8<<20, true)
			if err != nil {
				t.Fatal(err)
			}
			defer r.Close()
			exp, err := xrayudp.New(xrayudp.WithEndpoint(r.Addr()), xrayudp.WithLambda(true))
			if err != nil {
				t.Fatal(err)
			}
			// Twice: the second batch runs on the exporter's reused buffers.
			for range 2 {
				if err := exp.ExportSpans(context.Background(), spans); err != nil {
					t.Fatal(err)
				}
			}
			r.Settle(20 * time.Millisecond)
			r.mu.Lock()
			raw := r.raw
			r.mu.Unlock()
			if len(raw) != 2 {
				t.Fatalf("exporter sent %d datagrams for two batches, want 2", len(raw))
			}
			for _, f := range []*Floor{{}, {Scrub: true}} {
				for range 2 {
					got := f.Encode(spans)
					for i, want := range raw {
						if !bytes.Equal(got, want) {
							t.Fatalf("floor (scrub %v) differs from the exporter's datagram %d:\nfloor:    %s\nexporter: %s", f.Scrub, i, got, want)
						}
					}
				}
			}
		})
	}
}
