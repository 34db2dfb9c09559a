package xrayprop_test

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/xrayprop"
)

func TestXRayPropagatorKeepsXRayDecision(t *testing.T) {
	tid, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	marked, _ := trace.TraceState{}.Insert(ddtrace.StateKey, ddtrace.StateUnsampled)
	for _, tc := range []struct {
		name string
		ts   trace.TraceState
		want string
	}{
		{"sampled by X-Ray", trace.TraceState{}, "Sampled=1"},
		{"recorded for Datadog only", marked, "Sampled=0"},
	} {
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled, TraceState: tc.ts})
		c := propagation.MapCarrier{}
		xrayprop.Propagator{}.Inject(trace.ContextWithSpanContext(context.Background(), sc), c)
		if h := c.Get("X-Amzn-Trace-Id"); !strings.Contains(h, tc.want) || !strings.Contains(h, "Root=1-5759e988-bd862e3fe1be46a994272793") {
			t.Errorf("%s: header %q, want %s", tc.name, h, tc.want)
		}
	}
}
