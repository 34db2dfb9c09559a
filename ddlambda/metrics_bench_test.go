package ddlambda

import (
	"context"
	"net"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

// BenchmarkMetricsInvocation is one wrapped invocation whose handler adds
// one custom metric: without the metrics hooks (the call does nothing),
// with them to a live DogStatsD socket (plus the enhanced invocations
// metric), to a dead port, and with the extension present (no enhanced
// metric). The difference to "none" is the cost metrics add.
func BenchmarkMetricsInvocation(b *testing.B) {
	live, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	defer live.Close()
	_ = live.SetReadBuffer(8 << 20)
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, err := live.Read(buf); err != nil {
				return
			}
		}
	}()
	dead, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	deadAddr := dead.LocalAddr().String()
	dead.Close()

	handler := func(ctx context.Context, _ struct{}) (string, error) {
		Distribution(ctx, "orders.amount", 12.5, "currency:eur", "queue:orders")
		return "ok", nil
	}
	fn := functionInfo{name: "orders", region: "eu-west-1", memory: "128", version: "$LATEST", runtime: "provided.al2023"}
	tags := []string{"env:prod", "service:orders", "version:1.2.3", layerTag()}
	tp := sdktrace.NewTracerProvider()
	for _, bc := range []struct {
		name string
		cfg  *metricsConfig
	}{
		{"none", nil},
		{"live", &metricsConfig{addr: live.LocalAddr().String(), enhanced: true, tags: tags, function: fn}},
		{"dead-port", &metricsConfig{addr: deadAddr, enhanced: true, tags: tags, function: fn}},
		{"extension", &metricsConfig{addr: live.LocalAddr().String(), enhanced: true, extension: true, function: fn}},
	} {
		b.Run(bc.name, func(b *testing.B) {
			opts := []lambdatrace.Option{lambdatrace.WithTracerProvider(tp)}
			if bc.cfg != nil {
				hooks, err := metricsHooks(*bc.cfg)
				if err != nil {
					b.Fatal(err)
				}
				opts = append(opts, lambdatrace.WithHooks(hooks))
			}
			h := lambdatrace.Wrap(handler, opts...)
			ctx := lambdaCtx()
			b.ReportAllocs()
			for b.Loop() {
				_, _ = h(ctx, struct{}{})
			}
		})
	}
}
