package lambdatrace

import (
	"context"
	"fmt"
	"runtime/debug"
	"strings"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/otelxray/otelxray/internal/xrayheader"
	"github.com/otelxray/otelxray/metadata"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// invocation is one traced invocation.
type invocation struct {
	span  trace.Span
	w     *wrapper
	info  InvocationEnd // for hooks
	start time.Time
	// The deadline cut (deadline.go): state says who ends the span.
	state   atomic.Int32
	timer   *time.Timer
	cutDone chan struct{}
}

// start resolves the parent from the invocation's trace header, reads the
// event, and starts the invocation span.
func (w *wrapper) start(ctx context.Context, event any) (context.Context, *invocation) {
	if parent := ParentFromHeader(xrayheader.FromContext(ctx, w.cfg.getenv)); parent.IsValid() {
		ctx = trace.ContextWithRemoteSpanContext(ctx, parent)
	}
	inv := &invocation{w: w, start: time.Now()}
	inv.info.Event, inv.info.Tracer, inv.info.Parent = event, w.setup.tracer, trace.SpanContextFromContext(ctx)
	inv.info.TracerProvider = w.setup.provider
	attrs := make([]attribute.KeyValue, 0, 12)
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		inv.info.RequestID = lc.AwsRequestID
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
			metadata.AnnotationsKey.StringSlice([]string{"faas.coldstart"}))
	}
	req := w.extract(event)
	ctx, links, from, carried := w.eventContext(ctx, &req)
	inv.info.Parent, inv.info.EventContext = trace.SpanContextFromContext(ctx), carried
	attrs = append(attrs, from...)
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
	for _, h := range w.cfg.hooks {
		if h.Start != nil {
			h.Start(ctx, inv.info.InvocationStart)
		}
	}
	ctx, inv.span = w.setup.tracer.Start(ctx, name, trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attrs...), trace.WithLinks(links...), trace.WithTimestamp(inv.start))
	inv.info.Span = inv.span.SpanContext()
	ctx = w.handlerContext(ctx, inv.info.InvocationStart)
	return ctx, inv
}

// result records the handler's outcome.
func (inv *invocation) result(response any, err error) {
	inv.info.Response, inv.info.Err = response, err
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
	inv.info.Panic = r
	inv.info.Stack = string(debug.Stack())
	msg := fmt.Sprint(r)
	inv.span.AddEvent("exception", trace.WithAttributes(
		attribute.String("exception.type", fmt.Sprintf("panic(%T)", r)),
		attribute.String("exception.message", msg),
		attribute.String("exception.stacktrace", inv.info.Stack),
		attribute.Bool("exception.escaped", true)))
	inv.span.SetStatus(codes.Error, "panic: "+msg)
}
