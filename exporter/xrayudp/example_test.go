package xrayudp_test

import (
	"context"
	"fmt"
	"log"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// A plain program (not Lambda) sending to a daemon at the default address.
func ExampleNew() {
	exp, err := xrayudp.New()
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(xray.Propagator{})

	_, span := otel.Tracer("orders").Start(context.Background(), "checkout")
	span.End()
}

func ExampleWithEndpoint() {
	// Either form of AWS_XRAY_DAEMON_ADDRESS works here.
	exp, err := xrayudp.New(xrayudp.WithEndpoint("udp:127.0.0.1:2000 tcp:127.0.0.1:2000"))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	fmt.Println(exp.Endpoint())
	// Output: 127.0.0.1:2000
}

func ExampleWithLambda() {
	// In Lambda, export synchronously: the function may be frozen as soon
	// as the handler returns, so nothing may wait in a background batch.
	exp, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithSyncer(exp),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())
	fmt.Println(exp.Lambda())
	// Output: true
}

func ExampleWithIndexedAttributes() {
	// order.id becomes the annotation order_id, searchable in X-Ray with
	// annotation.order_id = "42"; other attributes are metadata.
	exp, err := xrayudp.New(xrayudp.WithIndexedAttributes("order.id", "customer.tier"))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
}

func ExampleWithIndexAllAttributes() {
	exp, err := xrayudp.New(xrayudp.WithIndexAllAttributes())
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
}

func ExampleExporter_Stats() {
	exp, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	// A span without a parent in Lambda mode: X-Ray would show it as a
	// trace of its own, cut off from the function, so it is dropped.
	_, span := tp.Tracer("example").Start(context.Background(), "orphan")
	span.End()
	_ = tp.Shutdown(context.Background())

	st := exp.Stats()
	fmt.Printf("spans %d, sent %d, dropped without parent %d\n", st.Spans, st.Sent, st.Dropped.NoParent)
	// Output: spans 1, sent 0, dropped without parent 1
}

func ExampleWithPacing() {
	// A daemon on another host with a large receive buffer: pace less.
	exp, err := xrayudp.New(xrayudp.WithPacing(1<<20, 500*time.Microsecond))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
}

func ExampleWithWriteTimeout() {
	exp, err := xrayudp.New(xrayudp.WithWriteTimeout(20 * time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
}

func ExampleExporter_Shutdown() {
	exp, err := xrayudp.New()
	if err != nil {
		log.Fatal(err)
	}
	// Shutdown is idempotent; spans exported afterwards are counted, not sent.
	fmt.Println(exp.Shutdown(context.Background()), exp.Shutdown(context.Background()))
	// Output: <nil> <nil>
}
