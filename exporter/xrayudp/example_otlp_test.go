package xrayudp_test

import (
	"context"
	"fmt"
	"log"
	"net"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// In Lambda, send OTLP (for Transaction Search and Application Signals)
// to the same daemon address; setting OTEL_XRAY_UDP_FORMAT=otlp does the same
// without a code change.
func ExampleWithFormat() {
	exp, err := xrayudp.New(xrayudp.WithFormat(xrayudp.FormatOTLP), xrayudp.WithLambda(true))
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithSyncer(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())
	fmt.Println(xrayudp.FormatOTLP)
	// Output: otlp
}

// Unsampled spans reach the exporter only with a sampler that records them;
// WithUnsampledSpans sends them behind "T1U", in datagrams of their own.
func ExampleWithUnsampledSpans() {
	daemon, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		log.Fatal(err)
	}
	defer daemon.Close()
	exp, err := xrayudp.New(xrayudp.WithEndpoint(daemon.LocalAddr().String()), xrayudp.WithLambda(false),
		xrayudp.WithFormat(xrayudp.FormatOTLP), xrayudp.WithUnsampledSpans())
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	unsampled := span(2, 1)
	unsampled.SpanContext = unsampled.SpanContext.WithTraceFlags(0)
	_ = exp.ExportSpans(context.Background(), tracetest.SpanStubs{span(1, 0), unsampled}.Snapshots())
	st := exp.Stats()
	fmt.Println(st.Sent, st.Datagrams, st.Dropped.Unsampled)
	// Output: 2 2 0
}
