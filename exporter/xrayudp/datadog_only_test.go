package xrayudp_test

import (
	"context"
	"testing"
	"time"

	"go.opentelemetry.io/otel/sdk/instrumentation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/fakedaemon"
)

func TestDatadogOnlySpansAreLeftOut(t *testing.T) {
	for _, tc := range []struct {
		name       string
		only       []bool // per span: of scope ddtrace.OnlyScope
		sent, left uint64
	}{
		{"none", []bool{false, false}, 2, 0},
		{"first", []bool{true, false, false}, 2, 1},
		{"last", []bool{false, false, true}, 2, 1},
		{"all", []bool{true, true}, 0, 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := fakedaemon.Start(t)
			exp := newExporter(t, d)
			var spans []sdktrace.ReadOnlySpan
			for i, only := range tc.only {
				s := span(uint64(i+1), 0)
				if only {
					s.InstrumentationScope = instrumentation.Scope{Name: ddtrace.OnlyScope}
				}
				spans = append(spans, s.Snapshot())
			}
			if err := exp.ExportSpans(context.Background(), spans); err != nil {
				t.Fatal(err)
			}
			st := exp.Stats()
			if st.Sent != tc.sent || st.DatadogOnly != tc.left || st.Spans != uint64(len(spans)) || st.Dropped.Total() != 0 {
				t.Errorf("stats = %+v, want %d sent, %d Datadog-only", st, tc.sent, tc.left)
			}
			if tc.sent > 0 {
				gs := d.Wait(t, int(tc.sent), 5*time.Second)
				mustValid(t, gs)
			}
			if gs := d.Quiet(30 * time.Millisecond); uint64(len(gs)) != tc.sent {
				t.Errorf("%d documents reached the daemon, want %d", len(gs), tc.sent)
			}
		})
	}
}
