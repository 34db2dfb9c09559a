package xrayudp

import (
	"slices"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// subsegmentsOpen is what a document with nested children adds before them.
const subsegmentsOpen = `,"subsegments":[`

// node is one translated span of a batch.
type node struct {
	doc      segment.Document
	body     [2]int  // the document's own members, arena[body[0]:body[1]]
	parent   int32   // index of the parent node in this batch, -1 if none
	children []int32 // nested children, in span order
	subtree  int     // encoded size of this document with its nested children
	top      bool    // sent as a document of its own
}

// batch is the work of one ExportSpans call; batches are pooled.
type batch struct {
	nodes   []node
	byID    map[trace.SpanID]int32
	arena   []byte
	out     []byte   // datagrams, back to back
	grams   [][2]int // datagram bounds in out
	spansIn []int    // spans carried by each datagram
	stack   []int32
	dropped map[trace.SpanID]struct{} // spans dropped for want of a parent

	dropUnsampled, dropNoParent, dropInvalid, trimmed int
}

func (b *batch) reset() {
	for i := range b.nodes {
		b.nodes[i] = node{children: b.nodes[i].children[:0]}
	}
	b.nodes = b.nodes[:0]
	clear(b.byID)
	clear(b.dropped)
	b.arena, b.out, b.grams, b.spansIn, b.stack = b.arena[:0], b.out[:0], b.grams[:0], b.spansIn[:0], b.stack[:0]
	b.dropUnsampled, b.dropNoParent, b.dropInvalid, b.trimmed = 0, 0, 0, 0
}

// build translates spans, nests children under parents of the same batch,
// splits what does not fit, and encodes the datagrams into b.out.
func (b *batch) build(e *Exporter, spans []sdktrace.ReadOnlySpan) {
	if b.byID == nil {
		b.byID = make(map[trace.SpanID]int32, len(spans))
	}
	for _, s := range spans {
		doc, why := e.translator.Translate(s)
		switch why {
		case segment.DropUnsampled:
			b.dropUnsampled++
			continue
		case segment.DropNoParent:
			b.dropNoParent++
			if b.dropped == nil {
				b.dropped = make(map[trace.SpanID]struct{})
			}
			b.dropped[s.SpanContext().SpanID()] = struct{}{}
			continue
		case segment.DropInvalid:
			b.dropInvalid++
			continue
		}
		b.nodes = append(b.nodes, node{doc: doc, parent: -1})
		b.byID[doc.ID] = int32(len(b.nodes) - 1)
	}
	b.dropOrphans()
	b.link()
	b.limitDepth()
	b.encodeBodies()
	for i := range b.nodes {
		if b.nodes[i].top {
			b.fit(int32(i))
		}
	}
	for i := range b.nodes {
		if b.nodes[i].top {
			b.emit(int32(i))
		}
	}
}

// dropOrphans drops, with their descendants in the batch, the spans whose
// parent was dropped for having no parent (Lambda mode): sending them would
// show subsegments of a document X-Ray never receives.
func (b *batch) dropOrphans() {
	if len(b.dropped) == 0 {
		return
	}
	for changed := true; changed; {
		changed = false
		kept := b.nodes[:0]
		for _, n := range b.nodes {
			if _, gone := b.dropped[n.doc.ParentID]; gone && n.doc.ParentID.IsValid() {
				b.dropped[n.doc.ID] = struct{}{}
				b.dropNoParent++
				changed = true
				continue
			}
			kept = append(kept, n)
		}
		b.nodes = kept
	}
	clear(b.byID)
	for i := range b.nodes {
		b.byID[b.nodes[i].doc.ID] = int32(i)
	}
}

// link nests each subsegment under its parent when the parent is in the
// batch, then breaks any cycle (possible only with hand-made span IDs).
func (b *batch) link() {
	for i := range b.nodes {
		n := &b.nodes[i]
		n.top = true
		if !n.doc.Subsegment {
			continue
		}
		p, ok := b.byID[n.doc.ParentID]
		if !ok || int(p) == i || b.nodes[p].doc.TraceID != n.doc.TraceID {
			continue
		}
		n.parent, n.top = p, false
		b.nodes[p].children = append(b.nodes[p].children, int32(i))
	}
	// Every node must be reachable from a top node; the others sit on a cycle.
	reached := 0
	seen := make([]bool, len(b.nodes))
	for {
		for i := range b.nodes {
			if b.nodes[i].top && !seen[i] {
				reached += b.mark(int32(i), seen)
			}
		}
		if reached == len(b.nodes) {
			return
		}
		for i := range b.nodes {
			if !seen[i] {
				b.detach(int32(i))
				break
			}
		}
	}
}

// mark flags every node under i as seen and returns how many it flagged.
func (b *batch) mark(i int32, seen []bool) int {
	count := 0
	b.stack = append(b.stack[:0], i)
	for len(b.stack) > 0 {
		j := b.stack[len(b.stack)-1]
		b.stack = b.stack[:len(b.stack)-1]
		if seen[j] {
			continue
		}
		seen[j] = true
		count++
		b.stack = append(b.stack, b.nodes[j].children...)
	}
	return count
}

// maxNesting is the deepest a subsegment is nested in one document. JSON
// readers limit nesting (Jackson to 1,000 levels, encoding/json to 10,000)
// and each level costs two; deeper spans are sent as documents of their own.
const maxNesting = 64

// limitDepth detaches the nodes nested deeper than maxNesting.
func (b *batch) limitDepth() {
	type item struct{ i, depth int32 }
	var queue []item
	for i := range b.nodes {
		if b.nodes[i].top {
			queue = append(queue, item{int32(i), 0})
		}
	}
	for len(queue) > 0 {
		it := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		depth := it.depth
		if depth > maxNesting {
			b.detach(it.i)
			depth = 0
		}
		for _, c := range b.nodes[it.i].children {
			queue = append(queue, item{c, depth + 1})
		}
	}
}

// detach makes node i a document of its own.
func (b *batch) detach(i int32) {
	n := &b.nodes[i]
	if p := n.parent; p >= 0 {
		kids := b.nodes[p].children
		if k := slices.Index(kids, i); k >= 0 {
			b.nodes[p].children = slices.Delete(kids, k, k+1)
		}
	}
	n.parent, n.top = -1, true
}

// encodeBodies encodes each document's own members once, trimmed so that
// the document fits a datagram on its own.
func (b *batch) encodeBodies() {
	for i := range b.nodes {
		n := &b.nodes[i]
		limit := segment.MaxDocumentSize - 2
		if n.doc.Subsegment {
			limit -= segment.IndependentSize
		}
		start := len(b.arena)
		var t segment.Trimmed
		b.arena, t = segment.AppendFieldsLimited(b.arena, &n.doc, limit)
		if t != 0 {
			b.trimmed++
		}
		n.body = [2]int{start, len(b.arena)}
	}
}

// ownSize is the encoded size of node n with its nested children but
// without the independent-subsegment members.
func (b *batch) ownSize(n *node) int {
	size := 2 + n.body[1] - n.body[0]
	if len(n.children) > 0 {
		size += len(subsegmentsOpen) + 1 + len(n.children) - 1
		for _, c := range n.children {
			size += b.nodes[c].subtree
		}
	}
	return size
}

// fit sizes node i's subtree bottom-up and detaches the largest children
// wherever a document would outgrow a datagram. Detaching the largest first
// makes the fewest extra documents.
func (b *batch) fit(i int32) {
	// Post-order without recursion: a chain of 10,000 spans is fine.
	order := b.postOrder(i)
	for _, j := range order {
		n := &b.nodes[j]
		limit := segment.MaxDocumentSize
		if n.doc.Subsegment {
			limit -= segment.IndependentSize
		}
		n.subtree = b.ownSize(n)
		if n.subtree <= limit {
			continue
		}
		kids := slices.Clone(n.children)
		slices.SortStableFunc(kids, func(x, y int32) int { return b.nodes[y].subtree - b.nodes[x].subtree })
		size := n.subtree
		for _, c := range kids {
			if size <= limit {
				break
			}
			size -= b.nodes[c].subtree + 1 // the child and its comma
			b.nodes[c].parent, b.nodes[c].top = -1, true
		}
		kept := n.children[:0]
		for _, c := range n.children {
			if !b.nodes[c].top {
				kept = append(kept, c)
			}
		}
		n.children = kept
		n.subtree = b.ownSize(n)
		for n.subtree > limit && len(n.children) > 0 { // rounding of the estimate
			b.detach(n.children[len(n.children)-1])
			n.subtree = b.ownSize(n)
		}
	}
}

// postOrder lists i's subtree, children before parents.
func (b *batch) postOrder(i int32) []int32 {
	var order []int32
	b.stack = append(b.stack[:0], i)
	for len(b.stack) > 0 {
		j := b.stack[len(b.stack)-1]
		b.stack = b.stack[:len(b.stack)-1]
		order = append(order, j)
		b.stack = append(b.stack, b.nodes[j].children...)
	}
	slices.Reverse(order)
	return order
}

// emit writes node i's datagram: the header, then the document with its
// nested children.
func (b *batch) emit(i int32) {
	start := len(b.out)
	b.out = append(b.out, segment.Header...)
	n := &b.nodes[i]
	b.out = append(b.out, '{')
	if n.doc.Subsegment {
		b.out = segment.AppendIndependent(b.out, &n.doc)
	}
	spans := b.appendNested(i)
	b.out = append(b.out, '}')
	b.grams = append(b.grams, [2]int{start, len(b.out)})
	b.spansIn = append(b.spansIn, spans)
}

// appendNested appends node i's members and nested children (without the
// braces of i itself) and returns the number of spans written.
func (b *batch) appendNested(i int32) int {
	n := &b.nodes[i]
	b.out = append(b.out, b.arena[n.body[0]:n.body[1]]...)
	spans := 1
	if len(n.children) > 0 {
		b.out = append(b.out, subsegmentsOpen...)
		for k, c := range n.children {
			if k > 0 {
				b.out = append(b.out, ',')
			}
			b.out = append(b.out, '{')
			spans += b.appendNested(c)
			b.out = append(b.out, '}')
		}
		b.out = append(b.out, ']')
	}
	return spans
}
