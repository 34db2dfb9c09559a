package xrayudp_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/fakedaemon"
)

// Spans recorded for Datadog in a trace X-Ray did not sample never reach
// the daemon; they are counted as unsampled.
func TestXRayUnsampledLeftOut(t *testing.T) {
	d := fakedaemon.Start(t)
	exp, err := xrayudp.New(xrayudp.WithEndpoint(d.Addr()))
	if err != nil {
		t.Fatal(err)
	}
	marked, _ := trace.TraceState{}.Insert(ddtrace.StateKey, ddtrace.StateUnsampled)
	tid, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	stub := func(name string, ts trace.TraceState, sid byte) tracetest.SpanStub {
		return tracetest.SpanStub{Name: name, SpanContext: trace.NewSpanContext(trace.SpanContextConfig{
			TraceID: tid, SpanID: trace.SpanID{sid}, TraceFlags: trace.FlagsSampled, TraceState: ts})}
	}
	for _, tc := range []struct {
		name  string
		stubs tracetest.SpanStubs
		sent  int
	}{
		{"none marked", tracetest.SpanStubs{stub("a", trace.TraceState{}, 1), stub("b", trace.TraceState{}, 2)}, 2},
		{"one marked", tracetest.SpanStubs{stub("c", trace.TraceState{}, 3), stub("d", marked, 4)}, 1},
		{"all marked", tracetest.SpanStubs{stub("e", marked, 5), stub("f", marked, 6)}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			before := exp.Stats()
			if err := exp.ExportSpans(context.Background(), tc.stubs.Snapshots()); err != nil {
				t.Fatal(err)
			}
			after := exp.Stats()
			left := int(after.Dropped.Unsampled - before.Dropped.Unsampled)
			if left != len(tc.stubs)-tc.sent {
				t.Errorf("%d spans left out, want %d", left, len(tc.stubs)-tc.sent)
			}
		})
	}
}
