package ddlambda

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatrace"
)

// In a subprocess, these select the function the test binary runs (instead
// of the tests), the fake agent, and the extension's file.
const (
	functionEnv  = "DDLAMBDA_TEST_INFERRED_FUNCTION"
	agentEnv     = "DDLAMBDA_TEST_AGENT"
	extPathEnv   = "DDLAMBDA_TEST_EXTENSION_PATH"
	forceEnv     = "DDLAMBDA_TEST_FORCE"
	failedStatus = 502
)

// TestInferredFunctionProcess is the function's process: startLambda runs
// the test binary with only this test and functionEnv set (a helper
// process, so the package needs no TestMain). Elsewhere it is skipped.
func TestInferredFunctionProcess(t *testing.T) {
	f := os.Getenv(functionEnv)
	if f == "" {
		t.Skip("runs only as the subprocess of TestInferredSpansInALambdaLoop")
	}
	runInferredFunction(f) // never returns: lambda.Start exits the process
}

// runInferredFunction runs a handler of the named event type, traced to
// X-Ray and to the Datadog agent, with the inferred spans' hooks.
func runInferredFunction(kind string) {
	dd, err := datadog.New(datadog.WithAgentURL(os.Getenv(agentEnv)))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	xr, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(2)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd))
	c := inferredConfigFromEnv(os.Getenv)
	c.extensionPath, c.force = os.Getenv(extPathEnv), os.Getenv(forceEnv) == "true"
	opts := []lambdatrace.Option{lambdatrace.WithTracerProvider(tp), lambdatrace.WithHooks(inferredHooks(c))}
	switch kind {
	case "rest":
		lambda.Start(lambdatrace.Wrap(func(ctx context.Context, e events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
			return events.APIGatewayProxyResponse{StatusCode: failedStatus}, nil
		}, opts...))
	case "sqs":
		lambda.Start(lambdatrace.Wrap(func(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
			return events.SQSEventResponse{}, nil
		}, opts...))
	case "raw":
		lambda.Start(lambdatrace.Wrap(func(ctx context.Context, e json.RawMessage) (string, error) { return "ok", nil }, opts...))
	}
	fmt.Fprintf(os.Stderr, "unknown function %q\n", kind)
	os.Exit(2)
}
