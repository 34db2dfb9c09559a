package main

import (
	"context"
	"fmt"
	"os"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatrace"
)

// traceOptions are the lambdatrace options of the function's process: when
// the demo gives it a Datadog agent (DD_TRACE_AGENT_URL), a provider that
// exports every span to X-Ray and to Datadog, installed as the globals as
// lambdatrace's default setup is; else none (the default setup, X-Ray only).
//
// TODO(ddlambda): lambdatrace.Wrap(h, ddlambda.Enable()) replaces this once
// ddlambda.Enable is merged; it also records in Datadog what X-Ray did not
// sample, which this provider, parent-based on Lambda's header, does not.
func traceOptions() ([]lambdatrace.Option, error) {
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return nil, nil
	}
	xr, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		return nil, fmt.Errorf("the X-Ray exporter: %w", err)
	}
	dd, err := datadog.New()
	if err != nil {
		return nil, fmt.Errorf("the Datadog exporter: %w", err)
	}
	tp := sdktrace.NewTracerProvider(
		sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd), // flushed by lambdatrace at the end of every invocation
		sdktrace.WithIDGenerator(xray.NewIDGenerator()),
		sdktrace.WithSampler(sdktrace.ParentBased(sdktrace.AlwaysSample())),
		sdktrace.WithResource(lambdatrace.Resource(context.Background())))
	otel.SetTracerProvider(tp)
	otel.SetTextMapPropagator(xray.Propagator{})
	return []lambdatrace.Option{lambdatrace.WithTracerProvider(tp)}, nil
}
