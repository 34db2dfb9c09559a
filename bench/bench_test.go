package bench

import (
	"context"
	"fmt"
	"net"
	"testing"
	"time"

	"github.com/aws/aws-xray-sdk-go/xray"
	"github.com/aws/aws-xray-sdk-go/xraylog"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/segment"
)

var sizes = []int{10, 100}

func receiver(b *testing.B, readBuffer int, keep bool) *Receiver {
	r, err := NewReceiver(readBuffer, keep)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(r.Close)
	return r
}

// report adds datagrams and bytes per invocation from the receiver.
func report(b *testing.B, r *Receiver, spans int) {
	r.Settle(20 * time.Millisecond)
	d, n := r.Counts()
	b.ReportMetric(float64(d)/float64(b.N), "datagrams/op")
	b.ReportMetric(float64(n)/float64(b.N), "wire-B/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(spans), "ns/span")
}

// BenchmarkInvocation is the whole path of one Lambda invocation with N
// children, from span start to datagrams: otelxray (OTel SDK, lambdatrace,
// xrayudp) and the X-Ray SDK for Go, side by side.
func BenchmarkInvocation(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("otelxray/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			b.Setenv("AWS_XRAY_DAEMON_ADDRESS", r.Addr())
			b.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
			h := lambdatrace.Wrap(OTelChildren(n), lambdatrace.WithoutGlobals())
			ctx := InvocationContext()
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h(ctx, struct{}{}); err != nil {
					b.Fatal(err)
				}
			}
			report(b, r, n+1)
		})
		b.Run(fmt.Sprintf("xraysdk/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			b.Setenv("LAMBDA_TASK_ROOT", "/var/task")
			xray.SetLogger(xraylog.NullLogger)
			if err := xray.Configure(xray.Config{DaemonAddr: r.Addr()}); err != nil {
				b.Fatal(err)
			}
			ctx := InvocationContext()
			b.ReportAllocs()
			for b.Loop() {
				if err := XRaySDKInvocation(ctx, n); err != nil {
					b.Fatal(err)
				}
			}
			report(b, r, n+1)
		})
	}
}

// captured returns one invocation's spans as the exporter receives them.
func captured(b *testing.B, n int) []sdktrace.ReadOnlySpan {
	spans, err := Capture(n)
	if err != nil {
		b.Fatal(err)
	}
	return spans
}

// BenchmarkExporter is the exporter alone (ExportSpans of pre-built spans)
// and the floor of writing its own datagrams, pre-encoded: packed (what the
// exporter sends) and one per document (what one-datagram-per-span costs).
func BenchmarkExporter(b *testing.B) {
	for _, n := range sizes {
		spans := captured(b, n)
		b.Run(fmt.Sprintf("export/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			exp, err := xrayudp.New(xrayudp.WithEndpoint(r.Addr()), xrayudp.WithLambda(true))
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
		packed := datagramsOf(b, spans)
		var single [][]byte
		tr := segment.NewTranslator(segment.Config{Lambda: true})
		for _, s := range spans {
			d, _ := tr.Translate(s)
			single = append(single, wire.AppendDocument([]byte(wire.Header), &d))
		}
		for _, floor := range []struct {
			name  string
			grams [][]byte
		}{{"floor-packed", packed}, {"floor-per-document", single}} {
			b.Run(fmt.Sprintf("%s/N=%d", floor.name, n), func(b *testing.B) {
				r := receiver(b, 8<<20, false)
				raddr, _ := net.ResolveUDPAddr("udp", r.Addr())
				conn, err := net.DialUDP("udp", nil, raddr)
				if err != nil {
					b.Fatal(err)
				}
				defer conn.Close()
				b.ReportAllocs()
				for b.Loop() {
					for _, g := range floor.grams {
						if _, err := conn.Write(g); err != nil {
							b.Fatal(err)
						}
					}
				}
				report(b, r, n+1)
			})
		}
	}
}

// datagramsOf returns the datagrams the exporter sends for spans.
func datagramsOf(b *testing.B, spans []sdktrace.ReadOnlySpan) [][]byte {
	r := receiver(b, 8<<20, true)
	exp, err := xrayudp.New(xrayudp.WithEndpoint(r.Addr()), xrayudp.WithLambda(true))
	if err != nil {
		b.Fatal(err)
	}
	if err := exp.ExportSpans(context.Background(), spans); err != nil {
		b.Fatal(err)
	}
	r.Settle(10 * time.Millisecond)
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.raw
}

// BenchmarkFlush1000 flushes a 1,000-span invocation (the handler and 999
// children) at once to a receiver with the system's default socket buffer
// and reports the share of spans that arrived.
func BenchmarkFlush1000(b *testing.B) {
	b.Run("otelxray", func(b *testing.B) {
		spans := captured(b, 999)
		var arrived, sent int
		for b.Loop() {
			b.StopTimer()
			r, err := NewReceiver(0, true)
			if err != nil {
				b.Fatal(err)
			}
			exp, err := xrayudp.New(xrayudp.WithEndpoint(r.Addr()), xrayudp.WithLambda(true))
			if err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			_ = exp.ExportSpans(context.Background(), spans)
			b.StopTimer()
			r.Settle(30 * time.Millisecond)
			arrived += r.Spans()
			sent += len(spans)
			r.Close()
			b.StartTimer()
		}
		b.ReportMetric(100*float64(arrived)/float64(sent), "%spans-arrived")
	})
	b.Run("xraysdk", func(b *testing.B) {
		b.Setenv("LAMBDA_TASK_ROOT", "/var/task")
		xray.SetLogger(xraylog.NullLogger)
		var arrived, sent int
		for b.Loop() {
			b.StopTimer()
			r, err := NewReceiver(0, true)
			if err != nil {
				b.Fatal(err)
			}
			if err := xray.Configure(xray.Config{DaemonAddr: r.Addr()}); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
			_ = XRaySDKInvocation(InvocationContext(), 999)
			b.StopTimer()
			r.Settle(30 * time.Millisecond)
			arrived += r.Spans()
			sent += 1000
			r.Close()
			b.StartTimer()
		}
		b.ReportMetric(100*float64(arrived)/float64(sent), "%spans-arrived")
	})
}
