package lambdatrace

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// invocation is one traced invocation.
type invocation struct {
	span trace.Span
	w    *wrapper
}

// start resolves the parent from the invocation's trace header, reads the
// event, and starts the invocation span.
func (w *wrapper) start(ctx context.Context, event any) (context.Context, *invocation) {
	if parent := ParentFromHeader(TraceHeader(ctx, w.cfg.getenv)); parent.IsValid() {
		ctx = trace.ContextWithRemoteSpanContext(ctx, parent)
	}
	attrs := make([]attribute.KeyValue, 0, 12)
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		attrs = append(attrs, attribute.String("faas.invocation_id", lc.AwsRequestID))
		if arn := lc.InvokedFunctionArn; arn != "" {
			attrs = append(attrs, attribute.String("cloud.resource_id", arn))
			if parts := strings.SplitN(arn, ":", 6); len(parts) == 6 && parts[4] != "" {
				attrs = append(attrs, attribute.String("cloud.account.id", parts[4]))
			}
		}
	}
	if !w.warm.Swap(true) {
		// Indexed, so X-Ray can find cold starts: annotation.faas_coldstart = true.
		attrs = append(attrs, attribute.Bool("faas.coldstart", true),
			attribute.StringSlice(segment.AnnotationsKey, []string{"faas.coldstart"}))
	}
	req := w.extract(event)
	if req.Trigger == "" {
		req.Trigger = "other"
	}
	attrs = append(attrs, attribute.String("faas.trigger", req.Trigger))
	attrs = append(attrs, req.Attributes...)
	name := w.cfg.spanName
	if name == "" {
		name = req.Name
	}
	if name == "" {
		name = w.fnName
	}
	if name == "" {
		name = "invocation"
	}
	ctx, span := w.setup.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attrs...), trace.WithLinks(req.Links...))
	return ctx, &invocation{span: span, w: w}
}

// result records the handler's outcome.
func (inv *invocation) result(response any, err error) {
	if resp := inv.w.response(response); resp.StatusCode > 0 {
		inv.span.SetAttributes(attribute.Int("http.response.status_code", resp.StatusCode))
		if resp.StatusCode >= 500 {
			inv.span.SetStatus(codes.Error, fmt.Sprintf("HTTP %d", resp.StatusCode))
		}
	}
	if err != nil {
		inv.span.RecordError(err, trace.WithStackTrace(true))
		inv.span.SetStatus(codes.Error, err.Error())
	}
}

// panicked records a panic as an exception with the panicking goroutine's stack.
func (inv *invocation) panicked(r any) {
	msg := fmt.Sprint(r)
	inv.span.AddEvent("exception", trace.WithAttributes(
		attribute.String("exception.type", fmt.Sprintf("panic(%T)", r)),
		attribute.String("exception.message", msg),
		attribute.String("exception.stacktrace", string(debug.Stack())),
		attribute.Bool("exception.escaped", true)))
	inv.span.SetStatus(codes.Error, "panic: "+msg)
}
