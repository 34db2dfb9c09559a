package ddlambda_test

import (
	"context"
	"log"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatrace"
)

// A Lambda function traced to X-Ray and to Datadog through its Lambda
// Extension, with the X-Ray trace merged into Datadog's.
func ExampleExtension() {
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
		ddlambda.Extension(dd), // does nothing where the extension is not installed
		ddlambda.XRayMerge())
	_ = lambda.Start
	_ = h // lambda.Start(h)
}

// The extension somewhere else than its default address, with more time
// per call.
func ExampleExtension_options() {
	dd, err := datadog.New()
	if err != nil {
		log.Fatal(err)
	}
	opt := ddlambda.Extension(dd,
		ddlambda.WithExtensionURL("http://127.0.0.1:8124"),
		ddlambda.WithExtensionPath("/opt/extensions/datadog-agent"),
		ddlambda.WithExtensionTimeout(500*time.Millisecond))
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }, opt)
	_ = h // lambda.Start(h)
}

func ExampleXRayMerge() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }, ddlambda.XRayMerge())
	_ = h
}
