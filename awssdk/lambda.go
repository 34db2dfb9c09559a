package awssdk

import (
	"context"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/internal/xrayheader"
)

// lambdaHeader returns the invocation's trace header from the context that
// aws-lambda-go gave the handler, or "".
func lambdaHeader(ctx context.Context) string {
	h, _ := ctx.Value(lambdaContextKey).(string)
	return h
}

// parentFromLambda returns ctx with the invocation's trace header as the
// remote parent, when ctx has no span: the header aws-lambda-go put in ctx,
// else, in Lambda, _X_AMZN_TRACE_ID. A header with a Root but no Parent
// (Lambda's PassThrough mode) gives an unsampled parent in that trace, so
// that nothing is sent but the header passed on keeps the Root.
func (m *instrumentation) parentFromLambda(ctx context.Context) context.Context {
	if trace.SpanContextFromContext(ctx).IsValid() {
		return ctx
	}
	h := lambdaHeader(ctx)
	if h == "" && lambdaenv.In(m.getenv) {
		h = m.getenv(lambdaTraceEnv)
	}
	if sc := xrayheader.Parent(h); sc.IsValid() {
		return trace.ContextWithRemoteSpanContext(ctx, sc)
	}
	return ctx
}
