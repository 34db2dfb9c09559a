package lambdatrace_test

import (
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/lambdatrace"
)

// agentEnv, in a subprocess, is the fake Datadog agent's URL for the
// "datadog" function.
const agentEnv = "LAMBDATRACE_TEST_AGENT"

// runDatadog runs the "work" handler exporting to a Datadog agent.
func runDatadog() {
	exp, err := datadog.New(datadog.WithAgentURL(os.Getenv(agentEnv)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp, sdktrace.WithMaxQueueSize(4096)))
	otel.SetTracerProvider(tp) // work's spans come from otel.Tracer
	lambda.Start(lambdatrace.Wrap(work, lambdatrace.WithTracerProvider(tp)))
}
