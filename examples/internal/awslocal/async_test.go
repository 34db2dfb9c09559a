package awslocal_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/lambdatrace"
)

// invocation is what an Invoker was called with.
type invocation struct {
	header string
	event  []byte
}

// recorder returns an Invoker that hands its invocations to the channel.
func recorder() (awslocal.Invoker, chan invocation) {
	ch := make(chan invocation, 16)
	return func(_ context.Context, header string, event []byte) error {
		ch <- invocation{header, event}
		return nil
	}, ch
}

func next(t *testing.T, ch chan invocation) invocation {
	t.Helper()
	select {
	case inv := <-ch:
		return inv
	case <-time.After(time.Minute): // a hang, not a timing assertion
		t.Fatal("no invocation")
		return invocation{}
	}
}

// traced is a configuration whose clients record their spans, with the
// Datadog carrier when dd, and a context holding a parent span.
func traced(t *testing.T, s *awslocal.Server, dd bool) (aws.Config, context.Context, *tracetest.SpanRecorder) {
	t.Helper()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	cfg := s.Config()
	opts := []awssdk.Option{awssdk.WithTracerProvider(tp)}
	if dd {
		opts = append(opts, awssdk.WithDatadogCarrier())
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions, opts...)
	ctx, span := tp.Tracer("test").Start(context.Background(), "handler")
	t.Cleanup(func() { span.End() })
	return cfg, ctx, rec
}

// callSpan returns the span of the one call named name.
func callSpan(t *testing.T, rec *tracetest.SpanRecorder, name string) trace.SpanContext {
	t.Helper()
	for _, sp := range rec.Ended() {
		if sp.Name() == name {
			return sp.SpanContext()
		}
	}
	t.Fatalf("no span %s", name)
	return trace.SpanContext{}
}

// wantParent checks that header names sc as the parent.
func wantParent(t *testing.T, what, header string, sc trace.SpanContext) {
	t.Helper()
	got := lambdatrace.ParentFromHeader(header)
	if got.TraceID() != sc.TraceID() || got.SpanID() != sc.SpanID() {
		t.Errorf("%s: trace header %q, want the call %s/%s", what, header, sc.TraceID(), sc.SpanID())
	}
}

// wantLink checks that lambdatrace links the event to sc.
func wantLink(t *testing.T, what string, event []byte, sc trace.SpanContext) {
	t.Helper()
	r, ok := lambdatrace.BuiltinRequest(json.RawMessage(event))
	if !ok || len(r.Links) != 1 || r.Links[0].SpanContext.TraceID() != sc.TraceID() || r.Links[0].SpanContext.SpanID() != sc.SpanID() {
		t.Errorf("%s: links %v, want the call %s/%s in:\n%s", what, r.Links, sc.TraceID(), sc.SpanID(), event)
	}
}
