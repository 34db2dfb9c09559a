package awssdk_test

import (
	"context"
	"fmt"
	"log"

	"github.com/aws/aws-sdk-go-v2/aws"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/awssdk"
)

// The one line: every client made from cfg is traced, with the global
// TracerProvider (set up with the xrayudp exporter).
func ExampleAppendMiddlewares() {
	var cfg aws.Config // from config.LoadDefaultConfig(ctx), in a real program
	awssdk.AppendMiddlewares(&cfg.APIOptions)
	// dynamodb.NewFromConfig(cfg), sqs.NewFromConfig(cfg), ...: each call
	// is a span, and each request carries X-Amzn-Trace-Id.
	fmt.Println(len(cfg.APIOptions))
	// Output: 1
}

func ExampleWithTracerProvider() {
	tp := sdktrace.NewTracerProvider() // with the xrayudp exporter, in a real program
	defer tp.Shutdown(context.Background())

	var cfg aws.Config // from config.LoadDefaultConfig(ctx), in a real program
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(tp))
}

func ExampleWithPropagator() {
	var cfg aws.Config // from config.LoadDefaultConfig(ctx), in a real program
	// X-Amzn-Trace-Id is always written; this adds W3C traceparent too.
	// The default is the global propagator, otel.GetTextMapPropagator().
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithPropagator(propagation.TraceContext{}))
}

func ExampleWithWhitelist() {
	w, err := awssdk.ParseWhitelist([]byte(`{"services": {"dynamodb": {"operations": {
		"GetItem": {"request_parameters": ["ConsistentRead", "ReturnConsumedCapacity"]}}}}}`))
	if err != nil {
		log.Fatal(err)
	}
	var cfg aws.Config // from config.LoadDefaultConfig(ctx), in a real program
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithWhitelist(w))
}

func ExampleParseWhitelist() {
	_, err := awssdk.ParseWhitelist([]byte(`{"services": {"sqs": {"operations": {
		"SendMessage": {"request_parameters": ["QueueUrl", "DelaySeconds"], "response_parameters": ["MessageId"]}}}}}`))
	fmt.Println(err)
	_, err = awssdk.ParseWhitelist([]byte(`{"operations": {}}`))
	fmt.Println(err)
	// Output:
	// <nil>
	// awssdk: whitelist has no "services" object
}

// With the Datadog bridge, messages carry a _datadog carrier too, which
// Datadog's Lambda extension reads (it reads no W3C message attributes).
func ExampleWithDatadogCarrier() {
	var cfg aws.Config // from config.LoadDefaultConfig(ctx), in a real program
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithDatadogCarrier())
}
