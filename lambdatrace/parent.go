package lambdatrace

import (
	"context"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/xrayheader"
)

// ContextKey is the context key under which aws-lambda-go stores each
// invocation's trace header. It is a plain string because that is what
// aws-lambda-go uses.
const ContextKey = xrayheader.ContextKey

// EnvTraceHeader is the variable aws-lambda-go also sets, but only when one
// invocation runs at a time; it holds whichever invocation set it last.
const EnvTraceHeader = xrayheader.EnvTraceHeader

// TraceHeader returns the invocation's trace header: the context key if it
// is present (even empty), else the environment variable.
func TraceHeader(ctx context.Context, getenv func(string) string) string {
	return xrayheader.FromContext(ctx, getenv)
}

// ParentFromHeader turns a Lambda trace header into the remote parent of the
// invocation span. Root, Parent and Sampled=1 give a sampled parent; Sampled=0
// gives an unsampled one; a header without Parent (PassThrough) gives an
// unsampled parent in the Root trace, so that nothing is sent but the trace
// still propagates downstream. A header without a valid Root gives an
// invalid SpanContext.
func ParentFromHeader(h string) trace.SpanContext { return xrayheader.Parent(h) }
