package lambdatrace_test

import (
	"context"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/lambdatrace"
	"go.opentelemetry.io/otel/trace"
)

// Handlers that return around the moment of their cut: each invocation is
// ended once, by the cut or by its return, and written once; the hooks run
// once per invocation; nothing panics or races (run with -race).
func TestCutRacesTheReturn(t *testing.T) {
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(4<<20))
	t.Setenv("AWS_XRAY_DAEMON_ADDRESS", d.Addr())
	var ends, timeouts atomic.Int64
	h := lambdatrace.Wrap(func(ctx context.Context, sleep time.Duration) (string, error) {
		_, s := trace.SpanFromContext(ctx).TracerProvider().Tracer("t").Start(ctx, "child")
		time.Sleep(sleep)
		s.End()
		return "ok", nil
	}, lambdatrace.WithoutGlobals(), lambdatrace.WithHooks(lambdatrace.Hooks{End: func(_ context.Context, inv lambdatrace.InvocationEnd) {
		ends.Add(1)
		if inv.Err == lambdatrace.ErrTimeout {
			timeouts.Add(1)
		}
	}}))
	const n = 40
	dropped := lambdatrace.QueueStats().Dropped
	for i := range n {
		// A 20 ms budget has a 2 ms margin: returns land before, at and
		// after the cut.
		ctx, cancel := context.WithTimeout(invocationContext(), 20*time.Millisecond)
		_, _ = h(ctx, time.Duration(16+i%6)*time.Millisecond)
		cancel()
	}
	if ends.Load() != n {
		t.Errorf("End hooks ran %d times for %d invocations", ends.Load(), n)
	}
	all := flatten(t, d.Quiet(150*time.Millisecond)) // fails on a span received twice
	// A cut's flush has 1.8 ms here; on a loaded machine it can miss that
	// and drop its spans, counted: every span is received or counted, once.
	lost := lambdatrace.QueueStats().Dropped - dropped
	if uint64(len(all))+lost != 2*n || len(all) == 0 {
		t.Errorf("%d spans received and %d counted as dropped, want %d in all", len(all), lost, 2*n)
	}
	t.Logf("%d of %d invocations cut at their deadline", timeouts.Load(), n)
}
