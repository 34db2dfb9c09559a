package lambdatrace_test

import (
	"context"
	"fmt"
	"net"
	"testing"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/otelxray/otelxray/lambdatrace"
)

// invocationContext is what aws-lambda-go hands a handler.
func invocationContext() context.Context {
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{
		AwsRequestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", InvokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders"})
	//lint:ignore SA1029 the plain string key is aws-lambda-go's
	return context.WithValue(ctx, "x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
}

// children is a handler body: n DynamoDB-like child spans of the span in ctx.
func children(n int) func(ctx context.Context, _ struct{}) (string, error) {
	return func(ctx context.Context, _ struct{}) (string, error) {
		tr := trace.SpanFromContext(ctx).TracerProvider().Tracer("bench")
		for i := range n {
			_, s := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
				attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
				attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"),
				attribute.Int("n", i)))
			s.End()
		}
		return "ok", nil
	}
}

// BenchmarkInvocation is one invocation with n child spans: untraced (a
// no-op provider), and through Wrap with everything written to a UDP
// receiver before it returns.
func BenchmarkInvocation(b *testing.B) {
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	defer sink.Close()
	_ = sink.SetReadBuffer(8 << 20)
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, err := sink.Read(buf); err != nil {
				return
			}
		}
	}()
	b.Setenv("AWS_XRAY_DAEMON_ADDRESS", sink.LocalAddr().String())
	b.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	for _, n := range []int{0, 10, 100} {
		b.Run(fmt.Sprintf("N=%d/untraced", n), func(b *testing.B) {
			h := children(n)
			ctx := trace.ContextWithSpan(invocationContext(), noopSpan())
			b.ReportAllocs()
			for b.Loop() {
				_, _ = h(ctx, struct{}{})
			}
		})
		b.Run(fmt.Sprintf("N=%d/wrapped", n), func(b *testing.B) {
			h := lambdatrace.Wrap(children(n), lambdatrace.WithoutGlobals())
			ctx := invocationContext()
			b.ReportAllocs()
			for b.Loop() {
				_, _ = h(ctx, struct{}{})
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/float64(n+1), "ns/span")
		})
	}
}

func noopSpan() trace.Span {
	_, s := noop.NewTracerProvider().Tracer("").Start(context.Background(), "")
	return s
}
