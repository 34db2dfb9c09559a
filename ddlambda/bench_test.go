package ddlambda_test

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"testing"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/lambdatrace"
)

// BenchmarkEnable is one invocation with n child spans, X-Ray only against
// X-Ray and Datadog through Enable (spans to a local agent that discards
// them, over HTTP, before the handler returns), with Lambda's header
// Sampled=1 and Sampled=0.
func BenchmarkEnable(b *testing.B) {
	sink, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		b.Fatal(err)
	}
	defer sink.Close()
	go func() {
		buf := make([]byte, 65536)
		for {
			if _, err := sink.Read(buf); err != nil {
				return
			}
		}
	}()
	agent := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
	}))
	defer agent.Close()
	b.Setenv("AWS_XRAY_DAEMON_ADDRESS", sink.LocalAddr().String())
	b.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	handler := func(n int) func(ctx context.Context, _ struct{}) (string, error) {
		return func(ctx context.Context, _ struct{}) (string, error) {
			tr := trace.SpanFromContext(ctx).TracerProvider().Tracer("bench")
			for i := range n {
				_, s := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
					attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
					attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"), attribute.Int("n", i)))
				s.End()
			}
			return "ok", nil
		}
	}
	const n = 10
	for _, sampled := range []int{1, 0} {
		ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{
			AwsRequestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", InvokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders"})
		//lint:ignore SA1029 the plain string key is aws-lambda-go's
		ctx = context.WithValue(ctx, "x-amzn-trace-id", fmt.Sprintf("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=%d", sampled))
		for _, dd := range []bool{false, true} {
			name := fmt.Sprintf("N=%d/Sampled=%d/xray", n, sampled)
			opts := []lambdatrace.Option{lambdatrace.WithoutGlobals()}
			if dd {
				name += "+datadog"
				opts = append(opts, ddlambda.Enable(ddlambda.WithAgentURL(agent.URL),
					ddlambda.WithExtensionOptions(ddlambda.WithExtensionPath(filepath.Join(b.TempDir(), "absent")))))
			}
			b.Run(name, func(b *testing.B) {
				h := lambdatrace.Wrap(handler(n), opts...)
				b.ReportAllocs()
				for b.Loop() {
					_, _ = h(ctx, struct{}{})
				}
			})
		}
	}
}
