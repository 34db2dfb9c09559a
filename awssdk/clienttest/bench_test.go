package clienttest

import (
	"context"
	"io"
	"net/http"
	"strconv"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/smithy-go/middleware"
	//lint:ignore SA1019 otelaws is deprecated, but users may still run it: compared here
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
)

// cannedDynamoDB answers every request in memory, so that a benchmark
// measures the SDK and the middleware, not a network.
type cannedDynamoDB struct{}

const cannedGetItem = `{"Item":{"id":{"S":"1"}},"ConsumedCapacity":{"TableName":"orders","CapacityUnits":0.5}}`

func (cannedDynamoDB) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		req.Body.Close()
	}
	return &http.Response{
		StatusCode: 200, Request: req, ContentLength: int64(len(cannedGetItem)),
		Header: http.Header{"X-Amzn-Requestid": {"req-1"}, "Content-Type": {"application/x-amz-json-1.0"},
			"Content-Length": {strconv.Itoa(len(cannedGetItem))}},
		Body: io.NopCloser(strings.NewReader(cannedGetItem)),
	}, nil
}

// BenchmarkGetItem measures a DynamoDB GetItem through the SDK, without
// tracing and with it; the difference is the middleware's cost per call.
func BenchmarkGetItem(b *testing.B) {
	sampled := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	unsampled := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample()))
	d := fakedaemon.Start(b)
	exp, err := xrayudp.New(xrayudp.WithEndpoint(d.Addr()), xrayudp.WithLambda(false))
	if err != nil {
		b.Fatal(err)
	}
	exported := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	b.Cleanup(func() {
		for _, tp := range []*sdktrace.TracerProvider{sampled, unsampled, exported} {
			_ = tp.Shutdown(context.Background())
		}
	})
	tests := []struct {
		name    string
		install func(*[]func(*middleware.Stack) error)
	}{
		{"untraced", nil},
		{"awssdk/noop-provider", func(o *[]func(*middleware.Stack) error) {
			awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(noop.NewTracerProvider()))
		}},
		{"awssdk/unsampled", func(o *[]func(*middleware.Stack) error) {
			awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(unsampled))
		}},
		{"awssdk/sampled", func(o *[]func(*middleware.Stack) error) {
			awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(sampled))
		}},
		{"awssdk/sampled+exported", func(o *[]func(*middleware.Stack) error) {
			awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(exported))
		}},
		{"otelaws/sampled", func(o *[]func(*middleware.Stack) error) {
			otelaws.AppendMiddlewares(o, otelaws.WithTracerProvider(sampled))
		}},
		{"otelaws+awssdk/sampled", func(o *[]func(*middleware.Stack) error) {
			otelaws.AppendMiddlewares(o, otelaws.WithTracerProvider(sampled))
			awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(sampled))
		}},
	}
	parent := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{0x57, 0x59, 0xe9, 0x88, 1}, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled, Remote: true})
	ctx := trace.ContextWithRemoteSpanContext(context.Background(), parent)
	for _, tt := range tests {
		b.Run(tt.name, func(b *testing.B) {
			cfg := aws.Config{
				Region:      testRegion,
				Credentials: credentials.NewStaticCredentialsProvider(testAccessKey, testSecretKey, ""),
				HTTPClient:  cannedDynamoDB{}, BaseEndpoint: aws.String("http://dynamodb.local"),
			}
			if tt.install != nil {
				tt.install(&cfg.APIOptions)
			}
			client := dynamodb.NewFromConfig(cfg)
			in := &dynamodb.GetItemInput{TableName: aws.String("orders"), ConsistentRead: aws.Bool(true),
				Key: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "1"}}}
			b.ReportAllocs()
			for b.Loop() {
				if _, err := client.GetItem(ctx, in); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
