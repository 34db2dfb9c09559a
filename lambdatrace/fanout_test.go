package lambdatrace_test

import (
	"context"
	"errors"
	"log"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/lambdatrace"
)

// failing is an exporter that always fails.
type failing struct{}

func (failing) ExportSpans(context.Context, []sdktrace.ReadOnlySpan) error { return errors.New("down") }
func (failing) Shutdown(context.Context) error                             { return nil }

// An exporter of WithSpanExporter gets every span of the invocation, in
// the flush before the handler returns, even when another one fails; the
// sampler of WithSampler decides.
func TestWithSpanExporterAndSampler(t *testing.T) {
	d := fakedaemon.Start(t)
	t.Setenv("AWS_XRAY_DAEMON_ADDRESS", d.Addr())
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	mem := tracetest.NewInMemoryExporter()
	var got int
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
		_, s := otel.GetTracerProvider().Tracer("t").Start(ctx, "child")
		s.End()
		return "ok", nil
	}, lambdatrace.WithoutGlobals(), lambdatrace.Options(
		lambdatrace.WithSpanExporter(failing{}), lambdatrace.WithSpanExporter(mem),
		lambdatrace.WithSampler(sdktrace.AlwaysSample())))
	ctx := context.WithValue(context.Background(), "x-amzn-trace-id", //lint:ignore SA1029 aws-lambda-go's key
		"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0")
	if _, err := h(ctx, struct{}{}); err != nil {
		t.Fatal(err)
	}
	got = len(mem.GetSpans())
	if got != 1 { // the invocation span (the child used the global no-op provider)
		t.Errorf("the extra exporter got %d spans, want the invocation span", got)
	}
}

// With a provider of the program's own, the two options are said to be
// ignored.
func TestWithSpanExporterIgnoredWithOwnProvider(t *testing.T) {
	var said []string
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { said = append(said, err.Error()) }))
	defer otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { log.Print(err) }))
	_ = lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil },
		lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()), lambdatrace.WithSpanExporter(tracetest.NewInMemoryExporter()))
	if len(said) != 1 || !strings.Contains(said[0], "ignored") {
		t.Errorf("said %q", said)
	}
}
