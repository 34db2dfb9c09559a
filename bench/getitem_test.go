package bench

import (
	"context"
	"fmt"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-xray-sdk-go/instrumentation/awsv2"
	"github.com/aws/aws-xray-sdk-go/xray"
	"github.com/aws/aws-xray-sdk-go/xraylog"
	"github.com/aws/smithy-go/middleware"
	xraypropagator "go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/lambdatrace"
)

// BenchmarkGetItem is the whole path of one Lambda invocation making N real
// aws-sdk-go-v2 DynamoDB GetItem calls (in-memory transport, a canned
// response): otelxray (lambdatrace.Wrap, awssdk's middlewares, xrayudp)
// and the X-Ray SDK for Go with its own aws-sdk-go-v2 instrumentation
// (awsv2.AWSV2Instrumentor), in Lambda mode, side by side.
func BenchmarkGetItem(b *testing.B) {
	for _, n := range sizes {
		b.Run(fmt.Sprintf("otelxray/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			b.Setenv("AWS_XRAY_DAEMON_ADDRESS", r.Addr())
			b.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
			var client *dynamodb.Client
			h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
				if client == nil {
					// Built in the first invocation only to reach the
					// wrapper's provider without the globals (the benchmark
					// makes several); a function builds it in main, where
					// awssdk takes the global provider Wrap installed.
					tp := trace.SpanFromContext(ctx).TracerProvider()
					client = dynamodb.NewFromConfig(DynamoDBConfig(func(o *[]func(*middleware.Stack) error) {
						awssdk.AppendMiddlewares(o, awssdk.WithTracerProvider(tp), awssdk.WithPropagator(xraypropagator.Propagator{}))
					}))
				}
				return "ok", GetItems(ctx, client, n)
			}, lambdatrace.WithoutGlobals())
			ctx := InvocationContext()
			if _, err := h(ctx, struct{}{}); err != nil {
				b.Fatal(err)
			}
			base := settled(r)
			b.ReportAllocs()
			for b.Loop() {
				if _, err := h(ctx, struct{}{}); err != nil {
					b.Fatal(err)
				}
			}
			reportSince(b, r, base, n+1)
		})
		b.Run(fmt.Sprintf("xraysdk/N=%d", n), func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			b.Setenv("LAMBDA_TASK_ROOT", "/var/task")
			xray.SetLogger(xraylog.NullLogger)
			if err := xray.Configure(xray.Config{DaemonAddr: r.Addr()}); err != nil {
				b.Fatal(err)
			}
			client := dynamodb.NewFromConfig(DynamoDBConfig(awsv2.AWSV2Instrumentor))
			ctx := InvocationContext()
			if err := XRaySDKGetItems(ctx, client, n); err != nil {
				b.Fatal(err)
			}
			base := settled(r)
			b.ReportAllocs()
			for b.Loop() {
				if err := XRaySDKGetItems(ctx, client, n); err != nil {
					b.Fatal(err)
				}
			}
			reportSince(b, r, base, n+1)
		})
	}
}

// BenchmarkGetItemUntraced is the same calls with no tracing: the cost of
// the AWS SDK itself, which both tracers add to.
func BenchmarkGetItemUntraced(b *testing.B) {
	client := dynamodb.NewFromConfig(DynamoDBConfig(nil))
	for _, n := range sizes {
		b.Run(fmt.Sprintf("N=%d", n), func(b *testing.B) {
			ctx := context.Background()
			b.ReportAllocs()
			for b.Loop() {
				if err := GetItems(ctx, client, n); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// counts is what a receiver had counted at some point.
type counts struct{ datagrams, bytes int }

// settled waits for r to drain and returns its counts.
func settled(r *Receiver) counts {
	r.Settle(20 * 1e6)
	d, n := r.Counts()
	return counts{d, n}
}

// reportSince is report for what r counted after base (a warm-up).
func reportSince(b *testing.B, r *Receiver, base counts, spans int) {
	c := settled(r)
	b.ReportMetric(float64(c.datagrams-base.datagrams)/float64(b.N), "datagrams/op")
	b.ReportMetric(float64(c.bytes-base.bytes)/float64(b.N), "wire-B/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(spans), "ns/span")
}
