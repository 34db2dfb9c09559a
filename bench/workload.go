package bench

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"
)

// Header is the trace header of the benchmark's invocation.
const Header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"

// RequestID is a 36-character AWS request id.
const RequestID = "V4KQNSO5AEMVJF66Q9ASUAAJGG8RAAL9V2PJ"

// InvocationContext is what aws-lambda-go hands a handler.
func InvocationContext() context.Context {
	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{
		AwsRequestID: "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", InvokedFunctionArn: "arn:aws:lambda:eu-west-1:123456789012:function:orders"})
	//lint:ignore SA1029 the plain string key is aws-lambda-go's (and the X-Ray SDK's)
	return context.WithValue(ctx, "x-amzn-trace-id", Header)
}

// OTelChildren is the handler body for otelxray: n spans like a DynamoDB
// GetItem on orders, with 4 metadata attributes and 1 annotation each.
func OTelChildren(n int) func(context.Context, struct{}) (string, error) {
	return func(ctx context.Context, _ struct{}) (string, error) {
		tr := trace.SpanFromContext(ctx).TracerProvider().Tracer("bench")
		for i := range n {
			_, s := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
				attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
				attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"),
				attribute.String("aws.region", "eu-west-1"), attribute.String("aws.request_id", RequestID),
				attribute.String("meta.customer", "c-42"), attribute.Int("meta.index", i),
				attribute.Bool("meta.cached", false), attribute.String("meta.note", fmt.Sprint("item ", i)),
				attribute.String("order.id", "42"),
				attribute.StringSlice("aws.xray.annotations", []string{"order.id"})))
			s.End()
		}
		return "ok", nil
	}
}
