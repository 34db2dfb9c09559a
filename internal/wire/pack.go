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
	body     [2]int  // the document's own members, encoded: arena[body[0]:body[1]] (out before a split)
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
	used    int // nodes written since Reset, dropped ones included
	byID    map[trace.SpanID]int32
	indexed bool // byID holds the nodes of this batch
	scans   int  // lookups done by scanning the nodes instead of byID
	arena   []byte
	out     []byte   // datagrams, back to back
	grams   [][2]int // datagram bounds in out
	spansIn []int    // spans carried by each datagram
	stack   []int32
	tops    []int32                   // top nodes in the order their datagrams are written
	dropped map[trace.SpanID]struct{} // spans dropped before packing
	order   []int32                   // fit's post-order
	kids    []int32                   // fit's children by size
	scratch segment.Scratch           // what the batch's documents point to

	orphans, trimmed int
}

// Reset empties p for the next batch and keeps its buffers.
func (p *Packer) Reset() {
	// Only the documents hold pointers to let go of; Add sets the rest, and
	// every slot keeps its own children buffer (dropOrphans swaps slots, so
	// no two share one). Slots beyond used are clean already.
	all := p.nodes[:p.used]
	for i := range all {
		all[i].doc = segment.Document{}
	}
	p.nodes, p.used = p.nodes[:0], 0
	clear(p.byID)
	p.indexed, p.scans = false, 0
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
	return cap(p.arena) <= 4<<20 && cap(p.out) <= 4<<20 && cap(p.nodes) <= 1<<16 && cap(p.stack) <= 1<<16 &&
		cap(p.order) <= 1<<16 && cap(p.kids) <= 1<<16
}

// Add adds the document of one span to the batch. p keeps a copy of the
// Document (the slices it points to are shared, never written through).
func (p *Packer) Add(d *segment.Document) {
	n := len(p.nodes)
	if n < cap(p.nodes) {
		p.nodes = p.nodes[:n+1]
	} else {
		p.nodes = append(p.nodes, node{})
	}
	p.used = max(p.used, n+1)
	// Field by field: no node-sized temporary to build and copy.
	slot := &p.nodes[n]
	slot.doc = *d
	slot.body, slot.parent, slot.children = [2]int{}, -1, slot.children[:0]
	slot.subtree, slot.depth, slot.top = 0, 0, false
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
//
// Each document is encoded once, in its place in its datagram. Only when a
// document with its nested children outgrows a datagram are the encoded
// documents taken as an arena from which the split datagrams are copied.
func (p *Packer) Pack() {
	p.dropOrphans()
	p.link()
	p.shape()
	p.sortTops()
	if p.emitAll() {
		return
	}
	p.arena, p.out = p.out, p.arena[:0]
	p.grams, p.spansIn = p.grams[:0], p.spansIn[:0]
	for i := range p.nodes {
		if p.nodes[i].top {
			p.fit(int32(i))
		}
	}
	p.sortTops()
	for _, i := range p.tops {
		p.emit(i, false)
	}
}

// sortTops lists the top nodes, by depth in the batch's tree, then in span
// order.
func (p *Packer) sortTops() {
	p.tops = p.tops[:0]
	sorted := true
	for i := range p.nodes {
		if p.nodes[i].top {
			if k := len(p.tops); k > 0 && p.nodes[p.tops[k-1]].depth > p.nodes[i].depth {
				sorted = false
			}
			p.tops = append(p.tops, int32(i))
		}
	}
	if !sorted {
		slices.SortStableFunc(p.tops, func(x, y int32) int { return int(p.nodes[x].depth - p.nodes[y].depth) })
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
}

// link nests each subsegment under its parent when the parent is in the
// batch.
func (p *Packer) link() {
	var lastID trace.SpanID
	lastUp, lastOK, have := int32(0), false, false
	for i := range p.nodes {
		n := &p.nodes[i]
		n.top = true
		if !n.doc.Subsegment {
			continue
		}
		// Siblings come together: look their parent up once.
		if !have || n.doc.ParentID != lastID {
			lastID, have = n.doc.ParentID, true
			lastUp, lastOK = p.find(lastID)
		}
		up := lastUp
		if !lastOK || int(up) == i || p.nodes[up].doc.TraceID != n.doc.TraceID {
			continue
		}
		n.parent, n.top = up, false
		p.nodes[up].children = append(p.nodes[up].children, int32(i))
	}
}

// maxScans is how many lookups find answers by scanning the batch before it
// indexes the batch's span IDs: a batch's spans mostly share a few parents,
// usually ended after them (so found at the end of the batch).
const maxScans = 8

// find returns the index of the node with span ID id, the last one if
// several have it.
func (p *Packer) find(id trace.SpanID) (int32, bool) {
	if !p.indexed && p.scans < maxScans {
		p.scans++
		for j := len(p.nodes) - 1; j >= 0; j-- {
			if p.nodes[j].doc.ID == id {
				return int32(j), true
			}
		}
		return 0, false
	}
	if !p.indexed {
		if p.byID == nil {
			p.byID = make(map[trace.SpanID]int32, len(p.nodes))
		}
		for i := range p.nodes {
			p.byID[p.nodes[i].doc.ID] = int32(i)
		}
		p.indexed = true
	}
	j, ok := p.byID[id]
	return j, ok
}

// maxNesting is the deepest a subsegment is nested in one document. JSON
// readers limit nesting (Jackson to 1,000 levels, encoding/json to 10,000)
// and each level costs two; deeper spans are sent as documents of their own.
const maxNesting = 64

// shape sets each node's depth below its top node, breaks the cycles of
// parents (possible only with hand-made span IDs) and detaches the nodes
// nested deeper than maxNesting below the nearest node sent on its own.
func (p *Packer) shape() {
	for i := range p.nodes {
		p.nodes[i].depth = -1
	}
	reached := 0
	for i := range p.nodes {
		if p.nodes[i].top {
			reached += p.walk(int32(i))
		}
	}
	// Every node must be reachable from a top node; the others sit on or
	// below a cycle.
	for next := 0; reached < len(p.nodes); next++ {
		if p.nodes[next].depth < 0 {
			p.detach(int32(next))
			reached += p.walk(int32(next))
		}
	}
	for i := range p.nodes {
		if d := p.nodes[i].depth; d > 0 && d%(maxNesting+1) == 0 {
			p.detach(int32(i))
		}
	}
}

// walk sets the depths of the nodes below top node i and returns how many
// nodes its tree holds.
func (p *Packer) walk(i int32) int {
	count := 0
	p.nodes[i].depth = 0
	p.stack = append(p.stack[:0], i)
	for len(p.stack) > 0 {
		j := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		count++
		for _, c := range p.nodes[j].children {
			p.nodes[c].depth = p.nodes[j].depth + 1
			p.stack = append(p.stack, c)
		}
	}
	return count
}

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
