package datadog

import (
	"strconv"
	"sync"

	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
	"github.com/otelxray/otelxray/internal/ddtrace"
)

// maxAdoptions bounds the children remembered for a later export.
const maxAdoptions = 1024

// adoptions are the spans a Datadog-only span named as its child
// (ddtrace.ChildKey) that were not in its export: when the child comes in
// a later one (an exporter that sends each span as it ends), it still gets
// that parent.
type adoptions struct {
	mu     sync.Mutex
	parent map[uint64]uint64 // child span ID -> the span above it
}

// takeChild removes ddtrace.ChildKey from d's tags and returns the span it
// names.
func takeChild(d *payload.Span) (uint64, bool) {
	h, ok := d.Meta[ddtrace.ChildKey]
	if !ok {
		return 0, false
	}
	delete(d.Meta, ddtrace.ChildKey)
	id, err := strconv.ParseUint(h, 16, 64)
	return id, err == nil && id != 0
}

// adopt gives each span named as a child its new parent, from this batch
// (above: child -> parent, nil when none) or an earlier one, and remembers
// the children not found for later batches. (A span whose parent is the
// very span it names has no upstream: group makes it the trace's root.)
func (e *Exporter) adopt(traces [][]payload.Span, above map[uint64]uint64) {
	a := &e.adopted
	a.mu.Lock()
	defer a.mu.Unlock()
	if len(above) == 0 && len(a.parent) == 0 {
		return
	}
	for i := range traces {
		for j := range traces[i] {
			d := &traces[i][j]
			if p, ok := above[d.SpanID]; ok {
				d.ParentID = p
				delete(above, d.SpanID)
			} else if p, ok := a.parent[d.SpanID]; ok {
				d.ParentID = p
				delete(a.parent, d.SpanID)
			}
		}
	}
	for child, parent := range above {
		if a.parent == nil || len(a.parent) >= maxAdoptions {
			a.parent = map[uint64]uint64{} // stale entries: their spans were exported long ago
		}
		a.parent[child] = parent
	}
}
