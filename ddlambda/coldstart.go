package ddlambda

import (
	"bytes"
	"context"
	"os"
	"strconv"
	"sync/atomic"
	"time"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/lambdatrace"
)

// ColdStartSpanName is the span Enable sends to Datadog for the first
// invocation of a process without the Datadog extension (which makes its
// own, under the same name): from the process's start to the handler's.
const ColdStartSpanName = "aws.lambda.cold_start"

// loaded is when this package was initialized: the process start when
// /proc cannot say better.
var loaded = time.Now()

// coldStart returns the hooks that send the cold-start span once, at the
// end of the first invocation, as a sibling of the invocation span (same
// parent, same decision), with a tracer of scope ddtrace.OnlyScope so
// that X-Ray, which has Lambda's own Initialization subsegment, never gets
// it.
func coldStart(start time.Time) lambdatrace.Option {
	var done atomic.Bool
	return lambdatrace.WithHooks(lambdatrace.Hooks{End: func(ctx context.Context, inv lambdatrace.InvocationEnd) {
		if done.Swap(true) || !inv.Span.IsValid() || !start.Before(inv.Start) {
			return
		}
		tp := trace.SpanFromContext(ctx).TracerProvider()
		pctx := trace.ContextWithSpanContext(ctx, inv.Span) // no parent: under the invocation span
		if p := datadogParent(inv.InvocationStart); p.IsValid() && p.TraceID() == inv.Span.TraceID() {
			pctx = inheritDecision(trace.ContextWithRemoteSpanContext(ctx, p.WithTraceState(inv.Span.TraceState())))
		}
		_, s := tp.Tracer(ddtrace.OnlyScope).Start(pctx, ColdStartSpanName,
			trace.WithSpanKind(trace.SpanKindInternal), trace.WithTimestamp(start))
		s.End(trace.WithTimestamp(inv.Start))
	}})
}

// processStart is when this process started, from /proc (to 10 ms), else
// when this package was initialized.
func processStart() time.Time {
	now := time.Now()
	stat, err1 := os.ReadFile("/proc/self/stat")
	up, err2 := os.ReadFile("/proc/uptime")
	if err1 != nil || err2 != nil {
		return loaded
	}
	ticks, ok := startTicks(stat)
	f := bytes.Fields(up)
	if !ok || len(f) == 0 {
		return loaded
	}
	uptime, err := strconv.ParseFloat(string(f[0]), 64)
	if err != nil {
		return loaded
	}
	// USER_HZ is 100 for /proc on every Linux Lambda runs.
	age := time.Duration((uptime - float64(ticks)/100) * float64(time.Second))
	if age < 0 || age > now.Sub(loaded)+time.Minute {
		return loaded // not believable
	}
	return now.Add(-age)
}

// startTicks reads field 22 (starttime, clock ticks after boot) of
// /proc/self/stat; the command name (field 2) may hold spaces and ')'.
func startTicks(stat []byte) (uint64, bool) {
	i := bytes.LastIndexByte(stat, ')')
	if i < 0 {
		return 0, false
	}
	f := bytes.Fields(stat[i+1:])
	if len(f) < 20 {
		return 0, false
	}
	n, err := strconv.ParseUint(string(f[19]), 10, 64)
	return n, err == nil
}
