package datadog

import (
	"testing"

	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
)

// Spans under a function's X-Ray segment move to the event context the
// invocation span hangs from; others stay; no span becomes its own parent.
func TestHangFromEvent(t *testing.T) {
	const segment, caller = 1, 2
	traces := [][]payload.Span{{
		{SpanID: 10, ParentID: 11, HeaderParent: segment}, // the invocation, adopted by the inferred span 11
		{SpanID: 11, ParentID: segment},                   // an inferred span ddlambda started under the segment
		{SpanID: 12, ParentID: segment},                   // the cold-start span
		{SpanID: 13, ParentID: 10},                        // the handler's child
		{SpanID: caller, ParentID: segment},               // never its own parent
	}}
	hangFromEvent(traces, map[uint64]uint64{segment: caller})
	want := map[uint64]uint64{10: 11, 11: caller, 12: caller, 13: 10, caller: segment}
	for _, d := range traces[0] {
		if d.ParentID != want[d.SpanID] {
			t.Errorf("span %d hangs from %d, want %d", d.SpanID, d.ParentID, want[d.SpanID])
		}
	}
}
