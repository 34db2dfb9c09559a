package lambdatrace_test

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

type hookKey struct{}

func TestContextHook(t *testing.T) {
	var inHandler, atEnd any
	var spanInHook bool
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
		inHandler = ctx.Value(hookKey{})
		return "ok", nil
	}, lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()),
		lambdatrace.WithHooks(lambdatrace.Hooks{Context: func(ctx context.Context, inv lambdatrace.InvocationStart) context.Context {
			spanInHook = trace.SpanContextFromContext(ctx).IsValid()
			return context.WithValue(ctx, hookKey{}, "from the hook")
		}}),
		lambdatrace.WithHooks(lambdatrace.Hooks{Context: func(context.Context, lambdatrace.InvocationStart) context.Context {
			return nil // leaves the context as it was
		}, End: func(ctx context.Context, _ lambdatrace.InvocationEnd) {
			atEnd = ctx.Value(hookKey{})
		}}))
	if _, err := h(invocationContext(), struct{}{}); err != nil {
		t.Fatal(err)
	}
	if inHandler != "from the hook" || atEnd != "from the hook" || !spanInHook {
		t.Errorf("handler saw %v, End saw %v, hook saw the span: %v", inHandler, atEnd, spanInHook)
	}
}

// Hooks see the context the event carried, whether it became a link (the
// default) or the parent.
func TestHooksSeeTheEventContext(t *testing.T) {
	const traceparent = "00-5759e988bd862e3fe1be46a994272793-00f067aa0ba902b7-01"
	for _, tc := range []struct {
		name string
		opts []lambdatrace.Option
	}{{"link", nil}, {"parent", []lambdatrace.Option{lambdatrace.WithEventParent()}}} {
		t.Run(tc.name, func(t *testing.T) {
			var got trace.SpanContext
			opts := append([]lambdatrace.Option{lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()),
				lambdatrace.WithHooks(lambdatrace.Hooks{End: func(_ context.Context, inv lambdatrace.InvocationEnd) { got = inv.EventContext }})},
				tc.opts...)
			h := lambdatrace.Wrap(func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
				return events.APIGatewayProxyResponse{StatusCode: 200}, nil
			}, opts...)
			if _, err := h(context.Background(), events.APIGatewayProxyRequest{HTTPMethod: "GET", Path: "/",
				Headers: map[string]string{"traceparent": traceparent}}); err != nil {
				t.Fatal(err)
			}
			if got.TraceID().String() != "5759e988bd862e3fe1be46a994272793" || got.SpanID().String() != "00f067aa0ba902b7" {
				t.Errorf("EventContext = %v %v, want the traceparent's", got.TraceID(), got.SpanID())
			}
		})
	}
}
