package ddtrace_test

import (
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

func TestPriorityRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		in       string
		prio     int
		dm, want string
	}{
		{"", 1, "-0", "dd=s:1;t.dm:-0"},
		{"dd=s:1;o:lambda", 2, "-3", "dd=s:2;t.dm:-3;o:lambda"},
		{"dd=t.dm:-1;s:0;p:00f067aa0ba902b7,otelxray=xray0", -1, "", "dd=s:-1;p:00f067aa0ba902b7,otelxray=xray0"},
	} {
		ts, err := trace.ParseTraceState(tc.in)
		if err != nil {
			t.Fatal(err)
		}
		got := ddtrace.WithPriority(ts, tc.prio, tc.dm)
		if got.String() != tc.want {
			t.Errorf("WithPriority(%q) = %q, want %q", tc.in, got.String(), tc.want)
		}
		p, dm, ok := ddtrace.Priority(got)
		if !ok || p != tc.prio || dm != tc.dm {
			t.Errorf("Priority(%q) = %d %q %v", got.String(), p, dm, ok)
		}
	}
	if _, _, ok := ddtrace.Priority(trace.TraceState{}); ok {
		t.Error("an empty tracestate has a priority")
	}
	ts, _ := trace.ParseTraceState("otelxray=xray0")
	if !ddtrace.XRayUnsampled(trace.NewSpanContext(trace.SpanContextConfig{TraceState: ts})) {
		t.Error("the mark is not seen")
	}
}
