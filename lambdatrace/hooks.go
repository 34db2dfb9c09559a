package lambdatrace

import (
	"context"
	"time"

	"go.opentelemetry.io/otel/trace"
)

// Hooks run around every invocation, for integrations that need to see it,
// such as the Datadog Lambda Extension's lifecycle (see package ddlambda).
// Hooks must not block for long: they run before the handler returns.
type Hooks struct {
	// Start runs after the parent is resolved and before the invocation
	// span starts.
	Start func(ctx context.Context, inv InvocationStart)
	// End runs when the handler has returned, just before the invocation
	// span ends (at InvocationEnd.End) and everything is flushed, so that
	// spans a hook starts and ends are written with the invocation. For an
	// invocation cut at its deadline it runs at the cut instead, with Err
	// set to ErrTimeout and a context that ends shortly before the
	// deadline, while the handler still runs.
	End func(ctx context.Context, inv InvocationEnd)
	// Context, if set, returns the context the handler gets, derived from
	// ctx (which holds the invocation span); End hooks then get a context
	// derived from it too. It runs just after the invocation span starts.
	// A nil result leaves ctx as it was.
	Context func(ctx context.Context, inv InvocationStart) context.Context
}

// InvocationStart describes an invocation that is about to run.
type InvocationStart struct {
	// Event is the decoded event the handler receives.
	Event any
	// RequestID is the Lambda request ID.
	RequestID string
	// Parent is the invocation's parent from the trace header (the
	// function's own segment); it may be invalid or unsampled.
	Parent trace.SpanContext
	// EventContext is the context the event carried (HTTP headers, message
	// attributes, _datadog: see Request.Parent), invalid if none. By
	// default it is a link of the invocation span; with WithEventParent it
	// may be Parent.
	EventContext trace.SpanContext
	// Tracer is the wrapper's tracer.
	Tracer trace.Tracer
	// TracerProvider is the provider Tracer comes from, for hooks that
	// start spans under another instrumentation scope.
	TracerProvider trace.TracerProvider
}

// InvocationEnd describes an invocation that has run.
type InvocationEnd struct {
	InvocationStart
	// Span is the invocation span's context.
	Span trace.SpanContext
	// Start and End are when the invocation span started and ended.
	Start, End time.Time
	// Response and Err are what the handler returned (Err is ErrTimeout
	// when the invocation was cut at its deadline). Panic is the value
	// it panicked with, nil if it did not (it is re-panicked after End).
	Response any
	Err      error
	Panic    any
	// Stack is the panicking goroutine's stack, when Panic is set.
	Stack string
}

// WithHooks adds hooks that run around every invocation.
func WithHooks(h Hooks) Option {
	return func(c *config) { c.hooks = append(c.hooks, h) }
}

// handlerContext runs the Context hooks: their result is the context the
// handler, and then the End hooks, get.
func (w *wrapper) handlerContext(ctx context.Context, inv InvocationStart) context.Context {
	for _, h := range w.cfg.hooks {
		if h.Context != nil {
			if c := h.Context(ctx, inv); c != nil {
				ctx = c
			}
		}
	}
	return ctx
}
