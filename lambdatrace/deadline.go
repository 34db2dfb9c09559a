package lambdatrace

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/otelxray/otelxray/metadata"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/trace"
)

// ErrTimeout is InvocationEnd.Err for an invocation cut at its deadline:
// the handler had not returned shortly before Lambda would stop it.
var ErrTimeout = errors.New("lambdatrace: " + timeoutMessage)

// timeoutMessage starts the message of the Timeout exception.
const timeoutMessage = "the invocation ran past its deadline"

// maxMargin bounds deadlineMargin.
const maxMargin = 50 * time.Millisecond

// deadlineMargin is how long before its deadline an invocation that has
// not returned is cut: a tenth of the time it had when it started, at most
// 50 ms (Lambda's shortest timeout, 1 s, gives 50 ms; a 100 ms budget
// gives 10 ms). The hooks and the flush of the cut must be done a tenth of
// the margin before the deadline: 45 ms of a 50 ms margin. A UDP flush of
// ten spans takes about 30 µs; the rest is for a flush over HTTP, such as
// the Datadog exporter's, bounded by the same context.
func deadlineMargin(budget time.Duration) time.Duration {
	return min(maxMargin, budget/10)
}

// marginFor is deadlineMargin, replaced in tests that need a margin no
// loaded machine can miss.
var marginFor = deadlineMargin

// cutAtDeadline marks a span that was still open when its invocation was
// cut at the deadline, and was ended then.
var cutAtDeadline = metadata.CutAtDeadlineKey.Bool(true)

// Invocation states: whoever moves it out of running ends the span.
const (
	running int32 = iota
	returned
	cut
)

// armDeadline schedules the cut of inv shortly before ctx's deadline. A
// context without a deadline, or with one already passed, arms nothing.
func (w *wrapper) armDeadline(ctx context.Context, inv *invocation) {
	deadline, ok := ctx.Deadline()
	if !ok {
		return
	}
	budget := time.Until(deadline)
	if budget <= 0 {
		return
	}
	margin := marginFor(budget)
	inv.cutDone = make(chan struct{})
	inv.timer = time.AfterFunc(budget-margin, func() { w.cut(ctx, inv, deadline, margin) })
}

// claim is called when the handler returns: it reports whether the
// invocation is still the handler's to end (it was not cut). When it was,
// claim waits until the cut's flush is over.
func (inv *invocation) claim() bool {
	if inv.timer != nil {
		inv.timer.Stop()
	}
	if inv.state.CompareAndSwap(running, returned) {
		return true
	}
	<-inv.cutDone
	return false
}

// cut ends an invocation whose handler has not returned, margin before its
// deadline: the open spans under it end, marked cut_at_deadline; the
// invocation span ends as timed out (fault, with a Timeout exception); and
// everything that has ended is flushed, all before the deadline. When the
// handler returns later, if the process still runs, only spans that ended
// since are written.
func (w *wrapper) cut(ctx context.Context, inv *invocation, deadline time.Time, margin time.Duration) {
	if !inv.state.CompareAndSwap(running, cut) {
		return
	}
	defer close(inv.cutDone)
	at := time.Now()
	fctx, cancel := context.WithDeadline(context.WithoutCancel(ctx), deadline.Add(-margin/10))
	defer cancel()
	inv.info.Err = ErrTimeout
	w.runEndHooks(fctx, inv, at)
	if w.setup.endOpen != nil {
		w.setup.endOpen(inv.span.SpanContext().SpanID(), at)
	}
	msg := fmt.Sprintf("%s: cut %v before it, %v after it started",
		timeoutMessage, margin, at.Sub(inv.start).Round(time.Millisecond))
	inv.span.AddEvent("exception", trace.WithTimestamp(at), trace.WithAttributes(
		attribute.String("exception.type", "Timeout"),
		attribute.String("exception.message", msg)))
	inv.span.SetStatus(codes.Error, msg)
	inv.span.End(trace.WithTimestamp(at))
	if w.cfg.mode != ProcessingModeFinalize {
		_ = w.setup.flush(fctx) // failures are counted in the exporter's Stats
	}
}
