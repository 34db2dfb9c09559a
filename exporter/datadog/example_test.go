package datadog_test

import (
	"context"
	"log"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// One TracerProvider feeding X-Ray and Datadog at once.
func ExampleNew() {
	dd, err := datadog.New() // DD_TRACE_AGENT_URL, DD_AGENT_HOST, DD_SERVICE, DD_ENV, DD_VERSION
	if err != nil {
		log.Fatal(err)
	}
	xr, err := xrayudp.New()
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(xr),
		sdktrace.WithBatcher(dd),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())
}

// Options override what the environment says.
func ExampleNew_options() {
	dd, err := datadog.New(
		datadog.WithAgentURL("http://datadog-agent:8126"),
		datadog.WithService("orders"), datadog.WithEnv("prod"), datadog.WithVersion("1.4.0"),
		datadog.WithTimeout(500*time.Millisecond))
	if err != nil {
		log.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(dd))
	defer tp.Shutdown(context.Background())
}

// What the exporter sent, and what it could not.
func ExampleExporter_Stats() {
	dd, err := datadog.New()
	if err != nil {
		log.Fatal(err)
	}
	st := dd.Stats()
	log.Printf("%d spans sent in %d payloads; %d unreachable, %d rejected",
		st.Sent, st.Payloads, st.Dropped.Unreachable, st.Dropped.Rejected)
}

// Tags on every span, instead of DD_TAGS.
func ExampleWithTags() {
	exp, err := datadog.New(datadog.WithTags(map[string]string{"team": "orders"}))
	if err != nil {
		log.Fatal(err)
	}
	_ = exp
}
