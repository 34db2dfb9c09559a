package lambdatrace_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"syscall"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatrace"
)

type order struct{ ID string }

func handle(ctx context.Context, o order) (string, error) { return "stored " + o.ID, nil }

// The whole setup of a traced function.
func ExampleWrap() {
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") == "" {
		return // not in Lambda: this example only shows the call
	}
	lambda.Start(lambdatrace.Wrap(handle))
}

// Handlers for events without a response, such as SQS batches.
func ExampleWrapNoOutput() {
	h := lambdatrace.WrapNoOutput(func(ctx context.Context, e events.SQSEvent) error { return nil })
	_ = h // lambda.Start(h)
}

// Handlers that take no event, such as scheduled jobs.
func ExampleWrapNoInput() {
	h := lambdatrace.WrapNoInput(func(ctx context.Context) (string, error) { return "done", nil })
	_ = h // lambda.Start(h)
}

// A provider of your own, for example to add processors. It must send to
// X-Ray; the wrapper flushes it at the end of every invocation.
func ExampleWithTracerProvider() {
	exp, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		panic(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	h := lambdatrace.Wrap(handle, lambdatrace.WithTracerProvider(tp))
	_ = h // lambda.Start(h)
}

// Attributes for events the wrapper does not know.
func ExampleWithExtractor() {
	type invoice struct{ Customer string }
	h := lambdatrace.Wrap(func(ctx context.Context, in invoice) (string, error) { return "ok", nil },
		lambdatrace.WithExtractor(lambdatrace.Extractor{
			Request: func(event any) (lambdatrace.Request, bool) {
				in, ok := event.(invoice)
				if !ok {
					return lambdatrace.Request{}, false
				}
				return lambdatrace.Request{Trigger: lambdatrace.TriggerOther,
					Attributes: []attribute.KeyValue{attribute.String("invoice.customer", in.Customer)}}, true
			},
		}))
	_ = h
}

// Hooks see an invocation cut at its deadline as ErrTimeout, while the
// handler still runs.
func ExampleWithHooks() {
	h := lambdatrace.Wrap(handle, lambdatrace.WithHooks(lambdatrace.Hooks{
		End: func(ctx context.Context, inv lambdatrace.InvocationEnd) {
			if errors.Is(inv.Err, lambdatrace.ErrTimeout) {
				fmt.Fprintln(os.Stderr, "timed out:", inv.RequestID)
			}
		},
	}))
	_ = h // lambda.Start(h)
}

// Write what is still pending when Lambda shuts the environment down.
func ExampleShutdown() {
	if os.Getenv("AWS_LAMBDA_RUNTIME_API") == "" {
		return
	}
	lambda.StartWithOptions(lambdatrace.Wrap(handle), lambda.WithEnableSIGTERM(func() {
		_ = lambdatrace.Shutdown(context.Background())
	}))
	_ = syscall.SIGTERM
}

func ExampleParentFromHeader() {
	sc := lambdatrace.ParentFromHeader("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	fmt.Println(sc.TraceID(), sc.SpanID(), sc.IsSampled(), sc.IsRemote())
	// Output: 5759e988bd862e3fe1be46a994272793 53995c3f42cd8ad8 true true
}

func ExampleResource() {
	r := lambdatrace.Resource(context.Background())
	_ = r // sdktrace.WithResource(r)
}

func ExampleBuiltinRequest() {
	r, ok := lambdatrace.BuiltinRequest(events.APIGatewayProxyRequest{HTTPMethod: "GET", Resource: "/orders/{id}"})
	fmt.Println(ok, r.Trigger, r.Name)
	// Output: true http GET /orders/{id}
}
