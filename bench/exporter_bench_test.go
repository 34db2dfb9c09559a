package bench

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// BenchmarkFloor is the one-pass floor (Floor: spans straight into the
// datagram, then one write), without and with the scrubber, side by side
// with BenchmarkExporter/export.
func BenchmarkFloor(b *testing.B) {
	for _, n := range sizes {
		spans := captured(b, n)
		for _, c := range []struct {
			name  string
			scrub bool
		}{{"onepass", false}, {"onepass-scrubbed", true}} {
			b.Run(fmt.Sprintf("%s/N=%d", c.name, n), func(b *testing.B) {
				r := receiver(b, 8<<20, false)
				raddr, _ := net.ResolveUDPAddr("udp", r.Addr())
				conn, err := net.DialUDP("udp", nil, raddr)
				if err != nil {
					b.Fatal(err)
				}
				defer conn.Close()
				f := Floor{Scrub: c.scrub}
				b.ReportAllocs()
				for b.Loop() {
					if _, err := conn.Write(f.Encode(spans)); err != nil {
						b.Fatal(err)
					}
				}
				report(b, r, n+1)
			})
		}
	}
}

// BenchmarkExporterOTLP is ExportSpans of the same spans in FormatOTLP.
func BenchmarkExporterOTLP(b *testing.B) {
	for _, n := range sizes {
		spans := captured(b, n)
		b.Run(fmt.Sprintf("export/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			exp, err := xrayudp.New(xrayudp.WithEndpoint(r.Addr()), xrayudp.WithLambda(true), xrayudp.WithFormat(xrayudp.FormatOTLP))
			if err != nil {
				b.Fatal(err)
			}
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := exp.ExportSpans(ctx, spans); err != nil {
					b.Fatal(err)
				}
			}
			report(b, r, n+1)
		})
	}
}
