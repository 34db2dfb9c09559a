package datadog_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatrace"
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

// A Lambda function traced to X-Ray and to Datadog through its Lambda
// Extension, with the X-Ray trace merged into Datadog's.
func ExampleLambdaExtension() {
	dd, err := datadog.New()
	if err != nil {
		log.Fatal(err)
	}
	xr, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		log.Fatal(err)
	}
	// Batched, X-Ray first: lambdatrace flushes both before the handler
	// returns, X-Ray before Datadog, so a slow agent cannot hold X-Ray back,
	// and never longer than the exporter's timeout (300 ms in Lambda).
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	otel.SetTracerProvider(tp) // for otel.Tracer and awssdk inside the handler
	h := lambdatrace.Wrap(func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil },
		lambdatrace.WithTracerProvider(tp),
		datadog.LambdaExtension(dd), // does nothing where the extension is not installed
		datadog.XRayMerge())
	_ = lambda.Start
	_ = h // lambda.Start(h)
}

func ExampleXRayMerge() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }, datadog.XRayMerge())
	_ = h
}

func ExampleTraceID() {
	id, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	low, tid := datadog.TraceID(id)
	fmt.Println(low, tid)
	// Output: 16266516598257821587 5759e988bd862e3f
}
