package lambdatrace

import (
	"context"
	"os"
	"sync/atomic"
	"time"

	"github.com/otelxray/otelxray/internal/lambdaenv"
	"go.opentelemetry.io/otel/trace"
)

// wrapper holds what every invocation of one wrapped handler shares.
type wrapper struct {
	cfg    config
	setup  setup
	warm   atomic.Bool // set after the first invocation
	fnName string
	ext    *extension // async mode's extension; nil in sync mode
}

func newWrapper(opts []Option) *wrapper {
	c := config{getenv: os.Getenv}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	w := &wrapper{cfg: c, fnName: lambdaenv.Name(c.getenv)}
	problems := resolveMode(&w.cfg)
	w.setup = newSetup(&w.cfg)
	w.startMode(problems)
	return w
}

// Wrap returns a handler that traces every invocation of h. Pass the result
// to lambda.Start. The setup is built when Wrap is called, so call it in
// main (during the function's init phase), once per handler.
func Wrap[In, Out any](h func(context.Context, In) (Out, error), opts ...Option) func(context.Context, In) (Out, error) {
	w := newWrapper(opts)
	return func(ctx context.Context, in In) (out Out, err error) {
		ctx, inv := w.start(ctx, any(in))
		w.armDeadline(ctx, inv)
		defer func() {
			r := recover()
			switch {
			case !inv.claim():
				// Cut at the deadline, and the process still runs: write
				// what ended since.
				w.flush(ctx)
			case r != nil:
				inv.panicked(r)
				w.finish(ctx, inv)
				w.flushBeforeExit(ctx)
			default:
				inv.result(any(out), err)
				w.finish(ctx, inv)
			}
			if r != nil {
				panic(r) // unchanged: aws-lambda-go reports it and exits
			}
		}()
		return h(ctx, in)
	}
}

// WrapNoInput is Wrap for handlers that take no event.
func WrapNoInput[Out any](h func(context.Context) (Out, error), opts ...Option) func(context.Context) (Out, error) {
	wrapped := Wrap(func(ctx context.Context, _ struct{}) (Out, error) { return h(ctx) }, opts...)
	return func(ctx context.Context) (Out, error) { return wrapped(ctx, struct{}{}) }
}

// WrapNoOutput is Wrap for handlers that return only an error.
func WrapNoOutput[In any](h func(context.Context, In) error, opts ...Option) func(context.Context, In) error {
	wrapped := Wrap(func(ctx context.Context, in In) (struct{}, error) { return struct{}{}, h(ctx, in) }, opts...)
	return func(ctx context.Context, in In) error {
		_, err := wrapped(ctx, in)
		return err
	}
}

// flushTimeout bounds the flush at the end of an invocation; the exporter
// itself never blocks longer than its write timeout.
const flushTimeout = time.Second

// finish ends the invocation span and writes everything pending before the
// handler returns, even when the invocation's context is already done.
func (w *wrapper) finish(ctx context.Context, inv *invocation) {
	end := time.Now()
	w.runEndHooks(context.WithoutCancel(ctx), inv, end)
	inv.span.End(trace.WithTimestamp(end))
	w.flush(ctx)
}

// runEndHooks runs the End hooks. They run before the span ends: a
// synchronous exporter sends it at End, and a hook may need to act first
// (see package ddlambda).
func (w *wrapper) runEndHooks(ctx context.Context, inv *invocation, end time.Time) {
	if len(w.cfg.hooks) == 0 {
		return
	}
	inv.info.Start, inv.info.End = inv.start, end
	for _, h := range w.cfg.hooks {
		if h.End != nil {
			h.End(ctx, inv.info)
		}
	}
}

// flush writes every span that has ended, within flushTimeout.
func (w *wrapper) flush(ctx context.Context) {
	if !w.flushesInHandler() {
		return
	}
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), flushTimeout)
	defer cancel()
	_ = w.setup.flush(fctx) // failures are counted in the exporter's Stats
}
