package wire

import (
	"slices"

	"github.com/otelxray/otelxray/segment"
)

// emitAll writes the datagram of every top node, in the order of p.tops,
// encoding each document's own members once in place, trimmed so that the
// document fits a datagram on its own. It reports whether every document
// with its nested children fits its limit, as [Packer.fit] would find: if
// not, the datagrams are not valid, but every node's body is encoded.
func (p *Packer) emitAll() bool {
	ok := true
	for _, i := range p.tops {
		ok = p.emit(i, true) && ok
	}
	return ok
}

// ownSize is the encoded size of node n with its nested children but
// without the independent-subsegment members.
func (p *Packer) ownSize(n *node) int {
	size := 2 + n.body[1] - n.body[0]
	if len(n.children) > 0 {
		size += len(subsegmentsOpen) + 1 + len(n.children) - 1
		for _, c := range n.children {
			size += p.nodes[c].subtree
		}
	}
	return size
}

// fit sizes node i's subtree bottom-up and detaches the largest children
// wherever a document would outgrow a datagram. Detaching the largest first
// makes the fewest extra documents.
func (p *Packer) fit(i int32) {
	// Post-order without recursion: a chain of 10,000 spans is fine.
	order := p.postOrder(i)
	for _, j := range order {
		n := &p.nodes[j]
		limit := segment.MaxDocumentSize
		if n.doc.Subsegment {
			limit -= independentSize
		}
		n.subtree = p.ownSize(n)
		if n.subtree <= limit {
			continue
		}
		kids := append(p.kids[:0], n.children...)
		p.kids = kids
		slices.SortStableFunc(kids, func(x, y int32) int { return p.nodes[y].subtree - p.nodes[x].subtree })
		size := n.subtree
		for _, c := range kids {
			if size <= limit {
				break
			}
			size -= p.nodes[c].subtree + 1 // the child and its comma
			p.nodes[c].parent, p.nodes[c].top = -1, true
		}
		kept := n.children[:0]
		for _, c := range n.children {
			if !p.nodes[c].top {
				kept = append(kept, c)
			}
		}
		n.children = kept
		n.subtree = p.ownSize(n)
		for n.subtree > limit && len(n.children) > 0 { // rounding of the estimate
			p.detach(n.children[len(n.children)-1])
			n.subtree = p.ownSize(n)
		}
	}
}

// postOrder lists i's subtree, children before parents.
func (p *Packer) postOrder(i int32) []int32 {
	order := p.order[:0]
	defer func() { p.order = order[:0] }()
	p.stack = append(p.stack[:0], i)
	for len(p.stack) > 0 {
		j := p.stack[len(p.stack)-1]
		p.stack = p.stack[:len(p.stack)-1]
		order = append(order, j)
		p.stack = append(p.stack, p.nodes[j].children...)
	}
	slices.Reverse(order)
	return order
}

// emit writes node i's datagram: the header, then the document with its
// nested children (appendTree). It reports whether every document of the
// tree is within its limit.
func (p *Packer) emit(i int32, encode bool) bool {
	start := len(p.out)
	p.out = append(p.out, Header...)
	n := &p.nodes[i]
	p.out = append(p.out, '{')
	if n.doc.Subsegment {
		p.out = appendIndependent(p.out, &n.doc)
	}
	spans, fits := p.appendTree(i, encode)
	p.out = append(p.out, '}')
	p.grams = append(p.grams, [2]int{start, len(p.out)})
	p.spansIn = append(p.spansIn, spans)
	return fits
}

// appendTree appends node i's members and nested children (without the
// braces of i itself) and returns the number of spans written and whether
// every document of the tree is within its limit. With encode, each
// document's members are encoded in place (trimmed to fit a datagram on
// its own) and its body recorded; without, after a split, they are copied
// from the bodies so recorded, which [Packer.fit] made fit. Nesting is at
// most maxNesting deep, so is the recursion.
func (p *Packer) appendTree(i int32, encode bool) (spans int, fits bool) {
	n := &p.nodes[i]
	start := len(p.out)
	limit := segment.MaxDocumentSize
	if n.doc.Subsegment {
		limit -= independentSize
	}
	if encode {
		var t trimmed
		p.out, t = appendFieldsLimited(p.out, &n.doc, limit-2)
		if t != 0 {
			p.trimmed++
		}
		n.body = [2]int{start, len(p.out)}
	} else {
		p.out = append(p.out, p.arena[n.body[0]:n.body[1]]...)
	}
	spans, fits = 1, true
	if len(n.children) > 0 {
		p.out = append(p.out, subsegmentsOpen...)
		for k, c := range n.children {
			if k > 0 {
				p.out = append(p.out, ',')
			}
			p.out = append(p.out, '{')
			s, f := p.appendTree(c, encode)
			spans, fits = spans+s, fits && f
			p.out = append(p.out, '}')
		}
		p.out = append(p.out, ']')
	}
	return spans, fits && (!encode || 2+len(p.out)-start <= limit)
}
