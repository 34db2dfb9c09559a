package awssdk

import (
	"context"
	"net/http"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/aws-sdk-go-v2/aws/retry"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"go.opentelemetry.io/otel/trace/noop"
)

// BenchmarkMiddleware measures what the middlewares add to one call with
// one attempt: the span (start, attributes from the request and response,
// end) and the trace header, around a stand-in for the rest of the SDK's
// stack.
func BenchmarkMiddleware(b *testing.B) {
	sampled := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.AlwaysSample()))
	unsampled := sdktrace.NewTracerProvider(sdktrace.WithSampler(sdktrace.NeverSample()))
	defer sampled.Shutdown(context.Background())
	defer unsampled.Shutdown(context.Background())

	parent := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{0x57, 0x59, 0xe9, 0x88, 1}, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled, Remote: true})
	ctx := trace.ContextWithRemoteSpanContext(context.Background(), parent)
	ctx = awsmiddleware.SetServiceID(ctx, "DynamoDB")
	ctx = awsmiddleware.SetOperationName(ctx, "GetItem")
	ctx = awsmiddleware.SetRegion(ctx, "eu-west-1")

	in := &getItemInput{TableName: aws.String("orders"), ConsistentRead: aws.Bool(true)}
	out := &getItemOutput{}
	resp := &smithyhttp.Response{Response: &http.Response{StatusCode: 200, ContentLength: 42}}
	md := benchMetadata(b, resp)

	for _, tt := range []struct {
		name string
		tp   trace.TracerProvider
	}{
		{"noop-provider", noop.NewTracerProvider()},
		{"unsampled", unsampled},
		{"sampled", sampled},
	} {
		b.Run(tt.name, func(b *testing.B) {
			var opts []func(*middleware.Stack) error
			AppendMiddlewares(&opts, WithTracerProvider(tt.tp))
			m := spanMiddleware{instrumentationOf(b, opts)}
			h := headerMiddleware(m)
			req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
			deser := middleware.DeserializeHandlerFunc(func(context.Context, middleware.DeserializeInput) (
				middleware.DeserializeOutput, middleware.Metadata, error) {
				return middleware.DeserializeOutput{}, md, nil
			})
			next := middleware.SerializeHandlerFunc(func(ctx context.Context, sin middleware.SerializeInput) (
				middleware.SerializeOutput, middleware.Metadata, error) {
				_, _, _ = h.HandleDeserialize(ctx, middleware.DeserializeInput{Request: req}, deser)
				return middleware.SerializeOutput{Result: out}, md, nil
			})
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := m.HandleSerialize(ctx, middleware.SerializeInput{Parameters: in}, next); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// getItemInput and getItemOutput stand in for dynamodb.GetItemInput and
// GetItemOutput: the parameters are read by field name, and this package's
// tests link no service client.
type getItemInput struct {
	TableName              *string
	ConsistentRead         *bool
	ProjectionExpression   *string
	ReturnConsumedCapacity string
}

type getItemOutput struct {
	ConsumedCapacity *struct {
		TableName     *string
		CapacityUnits *float64
	}
}

func instrumentationOf(b *testing.B, opts []func(*middleware.Stack) error) *instrumentation {
	stack := middleware.NewStack("bench", smithyhttp.NewStackRequest)
	if err := opts[0](stack); err != nil {
		b.Fatal(err)
	}
	mw, _ := stack.Serialize.Get(spanMiddlewareID)
	return mw.(spanMiddleware).m
}

// benchMetadata is the metadata of a call that succeeded at the first
// attempt, as the SDK's retry loop and raw-response middleware leave it.
func benchMetadata(b *testing.B, resp *smithyhttp.Response) middleware.Metadata {
	stack := middleware.NewStack("raw", smithyhttp.NewStackRequest)
	if err := awsmiddleware.AddRawResponseToMetadata(stack); err != nil {
		b.Fatal(err)
	}
	raw, _ := stack.Deserialize.Get("AddRawResponseToMetadata")
	attempt := retry.NewAttemptMiddleware(retry.NewStandard(), func(r any) any { return r })
	_, md, err := attempt.HandleFinalize(context.Background(), middleware.FinalizeInput{Request: smithyhttp.NewStackRequest()},
		middleware.FinalizeHandlerFunc(func(ctx context.Context, _ middleware.FinalizeInput) (middleware.FinalizeOutput, middleware.Metadata, error) {
			_, md, err := raw.HandleDeserialize(ctx, middleware.DeserializeInput{},
				middleware.DeserializeHandlerFunc(func(context.Context, middleware.DeserializeInput) (middleware.DeserializeOutput, middleware.Metadata, error) {
					var md middleware.Metadata
					awsmiddleware.SetRequestIDMetadata(&md, "req-1")
					return middleware.DeserializeOutput{RawResponse: resp}, md, nil
				}))
			return middleware.FinalizeOutput{}, md, err
		}))
	if err != nil {
		b.Fatal(err)
	}
	if ar, ok := retry.GetAttemptResults(md); !ok || len(ar.Results) != 1 {
		b.Fatalf("attempt results: %+v", ar)
	}
	return md
}
