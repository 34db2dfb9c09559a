package awssdk

import (
	"context"
	"sync"

	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// ScopeName is the instrumentation scope of the spans.
const ScopeName = "github.com/otelxray/otelxray/awssdk"

// Middleware IDs in the SDK's stack.
const (
	spanMiddlewareID   = "otelxray.Span"
	headerMiddlewareID = "otelxray.TraceHeader"
	// presignMiddlewareID replaces the signer in the stacks of presign
	// clients (s3.NewPresignClient and the like).
	presignMiddlewareID = "PresignHTTPRequest"
)

// AppendMiddlewares adds tracing to the SDK calls of every client made with
// apiOptions, usually an aws.Config's:
//
//	awssdk.AppendMiddlewares(&cfg.APIOptions)
//
// or one client's (append to the APIOptions of its Options). Each call then
// becomes one CLIENT span, and each of its requests carries the
// X-Amzn-Trace-Id header. Installing it twice on one client has no further
// effect. A nil apiOptions does nothing.
func AppendMiddlewares(apiOptions *[]func(*middleware.Stack) error, opts ...Option) {
	if apiOptions == nil {
		return
	}
	c := newConfig(opts)
	m := &instrumentation{
		tracer:  c.tp.Tracer(ScopeName),
		prop:    c.prop,
		getenv:  c.getenv,
		params:  &params{whitelist: c.whitelist},
		datadog: c.datadog,
	}
	*apiOptions = append(*apiOptions, m.register)
}

// instrumentation is one AppendMiddlewares call's state.
type instrumentation struct {
	tracer trace.Tracer
	prop   propagation.TextMapPropagator
	getenv func(string) string
	params *params
	ops    sync.Map // reflect.Type of an input -> *operation
	// datadog writes the _datadog carriers (WithDatadogCarrier).
	datadog bool
}

// register adds the middlewares to an operation's stack, unless an earlier
// AppendMiddlewares already did.
func (m *instrumentation) register(stack *middleware.Stack) error {
	if _, ok := stack.Serialize.Get(spanMiddlewareID); ok {
		return nil
	}
	if _, ok := stack.Finalize.Get(presignMiddlewareID); ok {
		return nil // a presign client signs a URL: no call, no span
	}
	// The span starts first thing in the Serialize step: after every
	// Initialize middleware, so that otelaws's span, if any, is in the
	// context whatever the order of installation.
	if err := stack.Serialize.Add(spanMiddleware{m}, middleware.Before); err != nil {
		return err
	}
	// Trace context goes into messages first thing in the Build step
	// (inject.go): after the body is serialized, before its length is
	// computed and it is signed.
	if err := stack.Build.Add(injectMiddleware{m}, middleware.Before); err != nil {
		return err
	}
	// The header is written first thing in the Deserialize step: once per
	// attempt, after every Finalize middleware (otelaws's propagator
	// included), just before the request is sent.
	return stack.Deserialize.Add(headerMiddleware{m}, middleware.Before)
}

type headerMiddleware struct{ m *instrumentation }

func (headerMiddleware) ID() string { return headerMiddlewareID }

// HandleDeserialize writes the trace headers of one attempt.
func (h headerMiddleware) HandleDeserialize(ctx context.Context, in middleware.DeserializeInput, next middleware.DeserializeHandler) (
	middleware.DeserializeOutput, middleware.Metadata, error,
) {
	if req, ok := in.Request.(*smithyhttp.Request); ok && req != nil && req.Request != nil {
		if sc := trace.SpanContextFromContext(ctx); sc.IsValid() {
			if req.Header == nil {
				req.Header = make(map[string][]string)
			}
			existing := req.Header.Get(traceHeader)
			h.m.prop.Inject(ctx, propagation.HeaderCarrier(req.Header))
			req.Header.Set(traceHeader, traceHeaderValue(sc, h.m.lineage(ctx, existing)))
		}
	}
	return next.HandleDeserialize(ctx, in)
}
