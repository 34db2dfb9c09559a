package xrayudp_test

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// sink is a UDP receiver that drains and discards, like a daemon that keeps up.
func sink(b *testing.B) string {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	_ = c.SetReadBuffer(8 << 20)
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, err := c.Read(buf); err != nil {
				return
			}
		}
	}()
	b.Cleanup(func() { c.Close() })
	return c.LocalAddr().String()
}

// invocation is a Lambda invocation's spans: the handler (child of the
// remote Lambda parent) and n DynamoDB GetItem calls with 4 metadata
// attributes and 1 annotation each.
func invocation(n int) []sdktrace.ReadOnlySpan {
	root := span(1, 0)
	root.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(0x53995c3f42cd8ad8), TraceFlags: trace.FlagsSampled, Remote: true})
	stubs := tracetest.SpanStubs{root}
	for i := range n {
		attrs := append(dynamoAttrs(i),
			attribute.String("meta.a", "alpha"), attribute.String("meta.b", "beta"),
			attribute.Int("meta.c", i), attribute.Bool("meta.d", true), attribute.String("order.id", "42"))
		stubs = append(stubs, span(uint64(i+2), 1, attrs...))
	}
	return stubs.Snapshots()
}

// BenchmarkExportSpans is the exporter alone: one invocation's spans,
// translated, packed and written.
func BenchmarkExportSpans(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			exp, err := xrayudp.New(xrayudp.WithEndpoint(sink(b)), xrayudp.WithLambda(true),
				xrayudp.WithIndexedAttributes("order.id"))
			if err != nil {
				b.Fatal(err)
			}
			spans := invocation(n)
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := exp.ExportSpans(ctx, spans); err != nil {
					b.Fatal(err)
				}
			}
			st := exp.Stats()
			b.ReportMetric(float64(st.Datagrams)/float64(b.N), "datagrams/op")
			b.ReportMetric(float64(st.Bytes)/float64(b.N), "wire-bytes/op")
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n+1), "ns/span")
		})
	}
}

// BenchmarkFloor writes the exporter's own datagrams, pre-encoded, on a
// connected UDP socket: the cost of the syscalls alone.
func BenchmarkFloor(b *testing.B) {
	for _, n := range []int{10, 100} {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			// Capture the exporter's datagrams once.
			capture, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
			if err != nil {
				b.Fatal(err)
			}
			exp, err := xrayudp.New(xrayudp.WithEndpoint(capture.LocalAddr().String()), xrayudp.WithLambda(true),
				xrayudp.WithIndexedAttributes("order.id"))
			if err != nil {
				b.Fatal(err)
			}
			if err := exp.ExportSpans(context.Background(), invocation(n)); err != nil {
				b.Fatal(err)
			}
			var grams [][]byte
			buf := make([]byte, 65536)
			for range exp.Stats().Datagrams {
				k, err := capture.Read(buf)
				if err != nil {
					b.Fatal(err)
				}
				grams = append(grams, append([]byte(nil), buf[:k]...))
			}
			capture.Close()
			raddr, _ := net.ResolveUDPAddr("udp", sink(b))
			conn, err := net.DialUDP("udp", nil, raddr)
			if err != nil {
				b.Fatal(err)
			}
			defer conn.Close()
			b.ReportAllocs()
			for b.Loop() {
				for _, g := range grams {
					if _, err := conn.Write(g); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(len(grams)), "datagrams/op")
		})
	}
}

// BenchmarkFlush1000DefaultBuffer flushes a 1,000-span invocation at once
// (a handler with 999 children, the shape that packs worst) to a receiver
// with the system's default socket buffer that drains as fast as it can,
// and reports the share of spans that arrived.
func BenchmarkFlush1000DefaultBuffer(b *testing.B) {
	for _, shape := range []string{"flat", "tree"} {
		b.Run(shape, func(b *testing.B) {
			stubs := tracetest.SpanStubs{span(1, 0)}
			for i := uint64(2); i <= 1000; i++ {
				parent := uint64(1)
				if shape == "tree" && i > 10 {
					parent = 2 + (i-11)%9 // 9 operations of 110 calls each
				}
				stubs = append(stubs, span(i, parent, dynamoAttrs(int(i))...))
			}
			spans := stubs.Snapshots()
			var sent, arrived, datagrams uint64
			b.ReportAllocs()
			for b.Loop() {
				b.StopTimer()
				c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
				if err != nil {
					b.Fatal(err)
				}
				got := make(chan uint64)
				go func() {
					buf := make([]byte, 65536)
					n := uint64(0)
					for {
						_ = c.SetReadDeadline(time.Now().Add(200 * time.Millisecond))
						if _, err := c.Read(buf); err != nil {
							got <- n
							return
						}
						n++
					}
				}()
				exp, err := xrayudp.New(xrayudp.WithEndpoint(c.LocalAddr().String()), xrayudp.WithLambda(false))
				if err != nil {
					b.Fatal(err)
				}
				b.StartTimer()
				if err := exp.ExportSpans(context.Background(), spans); err != nil {
					b.Fatal(err)
				}
				b.StopTimer()
				st := exp.Stats()
				arrived += <-got
				datagrams += st.Datagrams
				sent += st.Sent
				c.Close()
				_ = exp.Shutdown(context.Background())
				b.StartTimer()
			}
			b.ReportMetric(100*float64(arrived)/float64(datagrams), "%datagrams-arrived")
			b.ReportMetric(float64(datagrams)/float64(b.N), "datagrams/op")
		})
	}
}
