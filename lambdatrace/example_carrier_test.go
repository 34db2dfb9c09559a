package lambdatrace_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/propagation"

	"github.com/otelxray/otelxray/lambdatrace"
)

// With WithEventParent, a W3C caller's traceparent is the invocation's
// parent when Lambda's header is absent or unsampled.
func ExampleWithEventParent() {
	h := lambdatrace.Wrap(func(ctx context.Context, e events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
		return events.APIGatewayV2HTTPResponse{StatusCode: 200}, nil
	}, lambdatrace.WithEventParent(), lambdatrace.WithoutGlobals())
	_ = h // lambda.Start(h)
}

// A custom extractor hands the wrapper a carrier; the wrapper reads it in
// the W3C, Datadog and X-Ray dialects.
func ExampleRequest_carrier() {
	type job struct{ Headers map[string]string }
	ext := lambdatrace.Extractor{Request: func(e any) (lambdatrace.Request, bool) {
		j, ok := e.(job)
		return lambdatrace.Request{Trigger: lambdatrace.TriggerOther, Carrier: propagation.MapCarrier(j.Headers)}, ok
	}}
	r, _ := ext.Request(job{Headers: map[string]string{"traceparent": "00-6758a1b2c3d4e5f60123456789abcdef-00f067aa0ba902b7-01"}})
	fmt.Println(r.Carrier.Get("traceparent") != "")
	// Output: true
}

// A handler taking json.RawMessage still gets the SQS links.
func ExampleBuiltinRequest_raw() {
	r, ok := lambdatrace.BuiltinRequest([]byte(`{"Records":[{"eventSource":"aws:sqs","attributes":` +
		`{"AWSTraceHeader":"Root=1-6758a1b2-c3d4e5f60123456789abcdef;Parent=00f067aa0ba902b7;Sampled=1"}}]}`))
	fmt.Println(ok, r.Trigger, len(r.Links), r.Links[0].SpanContext.TraceID())
	// Output: true pubsub 1 6758a1b2c3d4e5f60123456789abcdef
}
