package lambdatrace

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// maxOpen bounds the started spans tracked for the deadline cut; spans
// beyond it are not cut. (The ended spans kept between flushes are bounded
// by the queue size: see queue.go.)
const maxOpen = 4096

// openSpans lists the sampled spans started since the last compaction, in
// start order, with their local parents. Starting a span appends to it and
// ending one touches nothing: which spans are still open, and under which
// invocation span, is worked out only when an invocation is cut at its
// deadline, which is rare. Ended spans leave the list at the next flush.
// It is guarded by the flushProcessor's mutex.
type openSpans struct {
	spans []startedSpan
	ended int // sampled spans that ended since the last compaction
	// untracked is set when a span was not listed (the list was full):
	// ended then counts spans the list does not hold. (Past the bound the
	// cut is best effort: such a span ending after the next full
	// compaction can make one listed span be forgotten early.)
	untracked bool
}

// startedSpan is a started span and its parent, when that parent is local.
type startedSpan struct {
	span   sdktrace.ReadWriteSpan
	id     trace.SpanID
	parent trace.SpanID // zero for a remote parent or none
}

// add notes a started span. A full list is compacted first, when enough of
// it has ended to make that worth it; if it is still full, the span is not
// tracked (and so not cut at a deadline).
func (o *openSpans) add(s sdktrace.ReadWriteSpan, id trace.SpanID, parent trace.SpanContext) {
	if len(o.spans) >= maxOpen && o.ended >= maxOpen/4 {
		o.compact()
	}
	if len(o.spans) >= maxOpen {
		o.untracked = true
		return
	}
	e := startedSpan{span: s, id: id}
	if parent.IsValid() && !parent.IsRemote() {
		e.parent = parent.SpanID()
	}
	o.spans = append(o.spans, e)
}

// compact drops the spans that have ended. When as many spans ended as
// the list holds, which is every flush of an invocation whose spans all
// ended, that is all of them and none is asked.
func (o *openSpans) compact() {
	if o.ended >= len(o.spans) && !o.untracked {
		clear(o.spans)
		o.spans, o.ended = o.spans[:0], 0
		return
	}
	kept := o.spans[:0]
	for _, e := range o.spans {
		if e.span.EndTime().IsZero() {
			kept = append(kept, e)
		}
	}
	clear(o.spans[len(kept):])
	o.spans, o.ended, o.untracked = kept, 0, false
}

// under returns the spans still open whose chain of local parents reaches
// root, root itself excluded.
func (o *openSpans) under(root trace.SpanID) []sdktrace.ReadWriteSpan {
	index := make(map[trace.SpanID]int, len(o.spans))
	for i, e := range o.spans {
		index[e.id] = i
	}
	// reaches[i]: 0 unknown, 1 yes, 2 no. A parent starts before its
	// children, so it is resolved first; the walk is bounded all the same.
	reaches := make([]uint8, len(o.spans))
	var cut []sdktrace.ReadWriteSpan
	for i, e := range o.spans {
		if e.id == root {
			reaches[i] = 1
			continue
		}
		r := uint8(2)
		if j, ok := index[e.parent]; ok && e.parent.IsValid() && j < i {
			r = reaches[j]
		} else if e.parent == root && root.IsValid() {
			r = 1
		}
		reaches[i] = r
		if r == 1 && e.span.EndTime().IsZero() {
			cut = append(cut, e.span)
		}
	}
	return cut
}
