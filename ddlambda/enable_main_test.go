package ddlambda_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/fakeruntime"
	"github.com/otelxray/otelxray/lambdatrace"
)

// In a subprocess: run the function (the env var names it) instead of the
// tests, with the extension's file and address from the other two.
const (
	functionEnv = "DDLAMBDA_TEST_FUNCTION"
	extPathEnv  = "DDLAMBDA_TEST_EXT_PATH"
	extURLEnv   = "DDLAMBDA_TEST_EXT_URL"
)

func TestMain(m *testing.M) {
	if f := os.Getenv(functionEnv); f != "" {
		opts := []ddlambda.Option{ddlambda.WithExtensionOptions(
			ddlambda.WithExtensionPath(os.Getenv(extPathEnv)), ddlambda.WithExtensionURL(os.Getenv(extURLEnv)))}
		if f == "queue" {
			lambda.Start(lambdatrace.Wrap(queue, ddlambda.Enable(opts...)))
		}
		lambda.Start(lambdatrace.Wrap(orders, ddlambda.Enable(opts...)))
	}
	os.Exit(m.Run())
}

type ordersEvent struct {
	Fail bool `json:"fail"`
}

// orders makes one span of its own, and returns the headers a call
// from it would carry downstream.
func orders(ctx context.Context, e ordersEvent) (map[string]string, error) {
	ctx, s := otel.Tracer("orders").Start(ctx, "store")
	defer s.End()
	if e.Fail {
		return nil, errors.New("invalid order")
	}
	out := propagation.MapCarrier{"status": "stored"}
	otel.GetTextMapPropagator().Inject(ctx, out)
	return out, nil
}

// queue counts the messages of an SQS batch, as a custom metric.
func queue(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	ddlambda.Count(ctx, "orders.received", float64(len(e.Records)), "queue:orders")
	return events.SQSEventResponse{}, nil
}

// function is the orders function running under a fake Runtime API.
type function struct {
	rt     *fakeruntime.Runtime
	daemon *fakedaemon.Daemon
}

func startFunction(t *testing.T, env ...string) *function {
	t.Helper()
	rt, err := fakeruntime.New(fakeruntime.Options{ARN: fakeruntime.FunctionARN + ":live"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Close)
	f := &function{rt: rt, daemon: fakedaemon.Start(t)}
	ddlambda.StartProcess(t, "^$", append([]string{functionEnv + "=orders",
		"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(),
		"AWS_XRAY_DAEMON_ADDRESS=" + f.daemon.Addr(),
		"AWS_LAMBDA_FUNCTION_NAME=orders",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
		"AWS_REGION=eu-west-1"}, env...)...)
	return f
}

func (f *function) invoke(t *testing.T, event, header string) fakeruntime.Result {
	t.Helper()
	return ddlambda.InvokeProcess(t, f.rt, []byte(event), header)
}

func xrayHeader(i, sampled int) string {
	if sampled < 0 {
		return ""
	}
	return fmt.Sprintf("Root=%s;Parent=53995c3f42cd8a%02x;Sampled=%d", xrayRoot(i), i, sampled)
}

func xrayRoot(i int) string { return fmt.Sprintf("1-5759e988-bd862e3fe1be46a9942727%02x", i) }
