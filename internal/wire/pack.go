package wire

import (
	"slices"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// Header is the line that starts every datagram sent to the daemon: a
// datagram is Header followed by one document.
const Header = `{"format":"json","version":1}` + "\n"

// subsegmentsOpen is what a document with nested children adds before them.
const subsegmentsOpen = `,"subsegments":[`

// node is one translated span of a batch.
type node struct {
	doc      segment.Document
	body     [2]int  // the document's own members, arena[body[0]:body[1]]
	parent   int32   // index of the parent node in this batch, -1 if none
	children []int32 // nested children, in span order
	subtree  int     // encoded size of this document with its nested children
	depth    int32   // distance from its root in the batch's tree, before splitting
	top      bool    // sent as a document of its own
}

// Packer packs the documents of one batch of spans into datagrams: it nests
// each subsegment in its parent's document when the parent is in the same
// batch, splits what does not fit in 64,000 bytes into independent
// subsegments, trims a document too big on its own, and writes each datagram
// as the daemon's header line followed by one document.
//
// Use it as Reset, Add and Drop for each span, Pack, then Len, Datagram and
// Spans. A Packer keeps its buffers between batches, so pool it; the zero
// value is ready to use. It is not safe for concurrent use.
type Packer struct {
	nodes   []node
	byID    map[trace.SpanID]int32
	arena   []byte
	out     []byte   // datagrams, back to back
	grams   [][2]int // datagram bounds in out
	spansIn []int    // spans carried by each datagram
	stack   []int32
	tops    []int32                   // top nodes in the order their datagrams are written
	dropped map[trace.SpanID]struct{} // spans dropped before packing
	seen    []bool                    // link's marks
	queue   []depthItem               // limitDepth's work list
	order   []int32                   // fit's post-order
	scratch segment.Scratch           // what the batch's documents point to

	orphans, trimmed int
}

// Reset empties p for the next batch and keeps its buffers.
func (p *Packer) Reset() {
	// Every slot keeps its own children buffer (dropOrphans swaps slots, so
	// no two share one).
	all := p.nodes[:cap(p.nodes)]
	for i := range all {
		all[i] = node{children: all[i].children[:0]}
	}
	p.nodes = p.nodes[:0]
	clear(p.byID)
	clear(p.dropped)
	p.arena, p.out, p.grams, p.spansIn, p.stack = p.arena[:0], p.out[:0], p.grams[:0], p.spansIn[:0], p.stack[:0]
	p.tops = p.tops[:0]
	p.orphans, p.trimmed = 0, 0
	p.scratch.Reset()
}

// Scratch is the memory to translate this batch's documents with
// ([segment.Translator.TranslateWith]); Reset recycles it.
func (p *Packer) Scratch() *segment.Scratch { return &p.scratch }

// Reusable reports whether p is worth keeping in a pool: false once a huge
// batch grew its buffers beyond what ordinary batches need.
func (p *Packer) Reusable() bool {
	return cap(p.arena) <= 4<<20 && cap(p.out) <= 4<<20 && cap(p.nodes) <= 1<<16 && cap(p.seen) <= 1<<16 &&
		cap(p.queue) <= 1<<16 && cap(p.order) <= 1<<16
}

// Add adds the document of one span to the batch. p keeps a copy of the
// Document (the slices it points to are shared, never written through).
func (p *Packer) Add(d *segment.Document) {
	if n := len(p.nodes); n < cap(p.nodes) {
		p.nodes = p.nodes[:n+1]
		slot := &p.nodes[n]
		*slot = node{doc: *d, parent: -1, children: slot.children[:0]}
		return
	}
	p.nodes = append(p.nodes, node{doc: *d, parent: -1})
}

// Drop records that the span with this ID was dropped before packing (in
// Lambda, for having no parent). Pack then drops the documents below it in
// the batch too, since they would show subsegments of a document X-Ray never
// receives, and counts them in Orphans.
func (p *Packer) Drop(id trace.SpanID) {
	if p.dropped == nil {
		p.dropped = make(map[trace.SpanID]struct{})
	}
	p.dropped[id] = struct{}{}
}

// Pack nests, splits, trims and encodes the documents added since Reset
// into datagrams. Datagrams come in the order of their top document's depth
// in the batch's tree, the root's first: when a receiver cannot keep up with
// a large flush, what it loses is the leaves, not the documents that hold
// the trace together.
func (p *Packer) Pack() {
	if p.byID == nil {
		p.byID = make(map[trace.SpanID]int32, len(p.nodes))
	}
	for i := range p.nodes {
		p.byID[p.nodes[i].doc.ID] = int32(i)
	}
	p.dropOrphans()
	p.link()
	p.measureDepths()
	p.limitDepth()
	p.encodeBodies()
	for i := range p.nodes {
		if p.nodes[i].top {
			p.fit(int32(i))
		}
	}
	for i := range p.nodes {
		if p.nodes[i].top {
			p.tops = append(p.tops, int32(i))
		}
	}
	slices.SortStableFunc(p.tops, func(x, y int32) int { return int(p.nodes[x].depth - p.nodes[y].depth) })
	for _, i := range p.tops {
		p.emit(i)
	}
}

// Len is the number of datagrams Pack wrote.
func (p *Packer) Len() int { return len(p.grams) }

// Datagram returns datagram k (0 <= k < Len): header and document, at most
// [segment.MaxDatagramSize] bytes. It is valid until the next Reset.
func (p *Packer) Datagram(k int) []byte {
	g := p.grams[k]
	return p.out[g[0]:g[1]:g[1]]
}

// Spans is the number of spans datagram k carries: its document and the
// subsegments nested in it.
func (p *Packer) Spans(k int) int { return p.spansIn[k] }

// Orphans is the number of documents Pack dropped because a span above them
// was dropped (see Drop).
func (p *Packer) Orphans() int { return p.orphans }

// Trimmed is the number of documents Pack had to trim to fit a datagram.
func (p *Packer) Trimmed() int { return p.trimmed }

// dropOrphans drops, with their descendants in the batch, the spans whose
// parent was dropped for having no parent (Lambda mode): sending them would
// show subsegments of a document X-Ray never receives.
func (p *Packer) dropOrphans() {
	if len(p.dropped) == 0 {
		return
	}
	for changed := true; changed; {
		changed = false
		kept := 0
		for j := range p.nodes {
			n := &p.nodes[j]
			if _, gone := p.dropped[n.doc.ParentID]; gone && n.doc.ParentID.IsValid() {
				p.dropped[n.doc.ID] = struct{}{}
				p.orphans++
				changed = true
				continue
			}
			// Swapped, not copied: each slot keeps a children buffer of its own.
			p.nodes[kept], p.nodes[j] = p.nodes[j], p.nodes[kept]
			kept++
		}
		p.nodes = p.nodes[:kept]
	}
	clear(p.byID)
	for i := range p.nodes {
		p.byID[p.nodes[i].doc.ID] = int32(i)
	}
}

// link nests each subsegment under its parent when the parent is in the
// batch, then breaks any cycle (possible only with hand-made span IDs).
func (p *Packer) link() {
	for i := range p.nodes {
		n := &p.nodes[i]
		n.top = true
		if !n.doc.Subsegment {
			continue
		}
		up, ok := p.byID[n.doc.ParentID]
		if !ok || int(up) == i || p.nodes[up].doc.TraceID != n.doc.TraceID {
			continue
		}
		n.parent, n.top = up, false
		p.nodes[up].children = append(p.nodes[up].children, int32(i))
	}
	// Every node must be reachable from a top node; the others sit on a cycle.
	reached := 0
	p.seen = append(p.seen[:0], make([]bool, len(p.nodes))...)
	seen := p.seen
	for {
		for i := range p.nodes {
			if p.nodes[i].top && !seen[i] {
				reached += p.mark(int32(i), seen)
			}
		}
		if reached == len(p.nodes) {
			return
		}
		for i := range p.nodes {
			if !seen[i] {
				p.detach(int32(i))
				break
			}
		}
	}
}

// measureDepths sets each node's depth below its top node, from the links
// (cycles are broken by then, so every chain of parents ends).
func (p *Packer) measureDepths() {
	for i := range p.nodes {
		p.nodes[i].depth = -1
	}
	for i := range p.nodes {
		p.stack = p.stack[:0]
		j := int32(i)
		for p.nodes[j].depth < 0 && p.nodes[j].parent >= 0 {
			p.stack = append(p.stack, j)
			j = p.nodes[j].parent
		}
		if p.nodes[j].depth < 0 {
			p.nodes[j].depth = 0
		}
		for k := len(p.stack) - 1; k >= 0; k-- {
			c := p.stack[k]
			p.nodes[c].depth = p.nodes[p.nodes[c].parent].depth + 1
		}
	}
}

// mark flags every node under i as seen and returns how many it flagged.
func (p *Packer) mark(i int32, seen []bool) int {
	count := 0
	p.stack = append(p.stack[:0], i)
	for len(p.stack) > 0 {
		j := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		if seen[j] {
			continue
		}
		seen[j] = true
		count++
		p.stack = append(p.stack, p.nodes[j].children...)
	}
	return count
}

// maxNesting is the deepest a subsegment is nested in one document. JSON
// readers limit nesting (Jackson to 1,000 levels, encoding/json to 10,000)
// and each level costs two; deeper spans are sent as documents of their own.
const maxNesting = 64

// limitDepth detaches the nodes nested deeper than maxNesting.
func (p *Packer) limitDepth() {
	queue := p.queue[:0]
	for i := range p.nodes {
		if p.nodes[i].top {
			queue = append(queue, depthItem{int32(i), 0})
		}
	}
	defer func() { p.queue = queue[:0] }()
	for len(queue) > 0 {
		it := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		depth := it.depth
		if depth > maxNesting {
			p.detach(it.i)
			depth = 0
		}
		for _, c := range p.nodes[it.i].children {
			queue = append(queue, depthItem{c, depth + 1})
		}
	}
}

// depthItem is a node to visit and its nesting depth.
type depthItem struct{ i, depth int32 }

// detach makes node i a document of its own.
func (p *Packer) detach(i int32) {
	n := &p.nodes[i]
	if up := n.parent; up >= 0 {
		kids := p.nodes[up].children
		if k := slices.Index(kids, i); k >= 0 {
			p.nodes[up].children = slices.Delete(kids, k, k+1)
		}
	}
	n.parent, n.top = -1, true
}
