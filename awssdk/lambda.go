package awssdk

import (
	"context"
	"strings"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/trace"
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
	if h == "" && m.getenv(lambdaFunctionEnv) != "" {
		h = m.getenv(lambdaTraceEnv)
	}
	if h == "" {
		return ctx
	}
	if out := (xray.Propagator{}).Extract(ctx, headerCarrier(h)); trace.SpanContextFromContext(out).IsValid() {
		return out
	}
	if tid, ok := rootOf(h); ok {
		return trace.ContextWithRemoteSpanContext(ctx, trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: tid, SpanID: passThroughParent, Remote: true}))
	}
	return ctx
}

// passThroughParent stands for the parent that a PassThrough header does
// not name; an unsampled parent is never sent.
var passThroughParent = trace.SpanID{0, 0, 0, 0, 0, 0, 0, 1}

// rootOf returns the trace of an X-Ray header's Root=1-<8 hex>-<24 hex>.
func rootOf(header string) (trace.TraceID, bool) {
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ";")
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok || k != "Root" {
			continue
		}
		if len(v) != 35 || v[:2] != "1-" || v[10] != '-' {
			return trace.TraceID{}, false
		}
		tid, err := trace.TraceIDFromHex(v[2:10] + v[11:])
		return tid, err == nil
	}
	return trace.TraceID{}, false
}

// headerCarrier carries one X-Amzn-Trace-Id value for the X-Ray propagator.
type headerCarrier string

func (h headerCarrier) Get(key string) string {
	if strings.EqualFold(key, traceHeader) {
		return string(h)
	}
	return ""
}

func (headerCarrier) Set(string, string) {}

func (headerCarrier) Keys() []string { return []string{traceHeader} }
