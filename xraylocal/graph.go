package xraylocal

import (
	"cmp"
	"slices"
)

// clientID is the id of the client node.
var clientID = TypeClient + "/Client"

// graphBuilder accumulates the service map over traces.
type graphBuilder struct {
	nodes map[string]*nodeAcc
	edges map[[2]string]*accum
	// producers are the queue, topic or bus nodes that calls (by span id)
	// sent messages to; linked are the roots that link to such calls,
	// drawn under the producer's node when build finds it (any trace).
	producers map[string]string
	linked    []linkedRoot
}

// linkedRoot is a root node whose span links to producers.
type linkedRoot struct {
	to    string
	c     call
	links []string
}

type nodeAcc struct {
	node Node
	acc  accum
}

func newGraphBuilder() *graphBuilder {
	return &graphBuilder{nodes: map[string]*nodeAcc{}, edges: map[[2]string]*accum{}, producers: map[string]string{}}
}

// node returns the id of the node (name, typ), adding it if new. A node
// that a segment reports for itself is not inferred, even if a call
// inferred it first.
func (b *graphBuilder) node(name, typ string, inferred bool) string {
	id := typ + "/" + name
	n := b.nodes[id]
	if n == nil {
		n = &nodeAcc{node: Node{ID: id, Name: name, Type: typ, TypeLabel: typeLabel(typ), Inferred: inferred}}
		b.nodes[id] = n
	}
	if !inferred {
		n.node.Inferred = false
	}
	return id
}

func (b *graphBuilder) edge(from, to string, c call) {
	if from == clientID {
		b.node("Client", TypeClient, false)
		b.nodes[to].node.Root = true
	}
	e := b.edges[[2]string{from, to}]
	if e == nil {
		e = &accum{}
		b.edges[[2]string{from, to}] = e
	}
	e.add(c)
}

// rootEdge draws the edge into a root node: from the client, or, when
// the root links to a message producer, from the producer's queue, topic
// or bus, as the console draws linked traces (decided in build).
func (b *graphBuilder) rootEdge(to string, c call, links []string) {
	if len(links) == 0 {
		b.edge(clientID, to, c)
		return
	}
	b.linked = append(b.linked, linkedRoot{to: to, c: c, links: links})
}

// ownLinks appends the links of s and of its subsegments (down to the next
// segment) to links: a Lambda function segment's links are on the
// invocation subsegment inside it.
func ownLinks(s *Span, links []string) []string {
	links = append(links, s.Links...)
	for _, c := range s.Children {
		if c.Kind == "subsegment" {
			links = ownLinks(c, links)
		}
	}
	return links
}

// resolveLinked draws the edges of the linked roots.
func (b *graphBuilder) resolveLinked() {
	for _, l := range b.linked {
		from := clientID
		for _, id := range l.links {
			if p, ok := b.producers[id]; ok {
				from = p
				break
			}
		}
		b.edge(from, l.to, l.c)
	}
	b.linked = nil
}

// messageTargets are the node types a linked consumer is drawn under.
var messageTargets = map[string]bool{"AWS::SQS::Queue": true, "AWS::SNS::Topic": true, "AWS::EventBridge": true}

// orphanGroup is the orphans of one missing parent in one trace.
type orphanGroup struct {
	name  string
	c     call
	links []string
}

// addTrace adds one assembled trace. Segments become service nodes; calls
// (subsegments with a namespace) become edges to the node they reach: the
// segment recorded downstream for the call when there is one, else the
// node inferred from the call. Orphan subsegments are drawn as X-Ray draws
// a Lambda function's: under the function (named after the topmost orphan)
// and the Lambda service, called by the client.
func (b *graphBuilder) addTrace(t *Trace) {
	groups := map[string]*orphanGroup{}
	var keys []string
	for _, r := range t.Roots {
		if r.Kind != "subsegment" || !r.Orphan {
			continue
		}
		g := groups[r.ParentID]
		if g == nil {
			g = &orphanGroup{c: callOf(r)}
			groups[r.ParentID] = g
			keys = append(keys, r.ParentID)
		}
		if g.name == "" && r.Namespace == "" {
			g.name = r.Name
		}
		g.links = ownLinks(r, g.links)
		g.c.start = min(g.c.start, r.Start)
		g.c.end = max(g.c.end, r.End)
		g.c.inProgress = g.c.inProgress || r.InProgress
		g.c.err, g.c.throttle, g.c.fault = g.c.err || r.Error, g.c.throttle || r.Throttle, g.c.fault || r.Fault
	}
	owners := map[string]string{}
	for _, k := range keys {
		g := groups[k]
		name := g.name
		if name == "" {
			name = "function of " + k
		}
		lam := b.node(name, TypeLambda, true)
		fn := b.node(name, TypeLambdaFunction, true)
		b.nodes[lam].acc.add(g.c)
		b.nodes[fn].acc.add(g.c)
		b.rootEdge(lam, g.c, g.links)
		b.edge(lam, fn, g.c)
		owners[k] = fn
	}
	for _, r := range t.Roots {
		if r.Kind == "subsegment" && r.Orphan {
			b.child(r, owners[r.ParentID], nil, false)
			continue
		}
		b.segment(r, nil, "")
	}
}

// segment adds a segment (or a root that is not an orphan subsegment),
// called from owner through the span caller (both empty for a root).
func (b *graphBuilder) segment(s *Span, caller *Span, owner string) {
	id := b.node(nonEmpty(s.Name, "(unnamed)"), nonEmpty(s.Origin, TypeService), false)
	b.nodes[id].acc.add(callOf(s))
	switch {
	case owner == "":
		b.rootEdge(id, callOf(s), ownLinks(s, nil))
	case caller != nil && caller.Kind == "subsegment" && caller.Namespace != "":
		b.edge(owner, id, callOf(caller))
	default:
		b.edge(owner, id, callOf(s))
	}
	for _, c := range s.Children {
		b.child(c, id, s, false)
	}
}

// child adds a span under owner's node; inCall is true below a call, where
// further calls are part of it rather than calls of their own.
func (b *graphBuilder) child(s *Span, owner string, parent *Span, inCall bool) {
	if s.Kind == "segment" {
		b.segment(s, parent, owner)
		return
	}
	if s.Namespace != "" && !inCall {
		if !hasSegmentChild(s) {
			for _, t := range inferTargets(s) {
				id := b.node(t.name, t.typ, true)
				b.nodes[id].acc.add(callOf(s))
				b.edge(owner, id, callOf(s))
				if messageTargets[t.typ] {
					b.producers[s.ID] = id
				}
			}
		}
		inCall = true
	}
	for _, c := range s.Children {
		b.child(c, owner, s, inCall)
	}
}

func hasSegmentChild(s *Span) bool {
	for _, c := range s.Children {
		if c.Kind == "segment" {
			return true
		}
	}
	return false
}

// build returns the map, sorted and laid out.
func (b *graphBuilder) build(traces int) *ServiceMap {
	b.resolveLinked()
	m := &ServiceMap{Traces: traces, Nodes: []Node{}, Edges: []Edge{}}
	for _, n := range b.nodes {
		nd := n.node
		nd.Stats = n.acc.stats()
		m.Nodes = append(m.Nodes, nd)
	}
	if len(m.Nodes) > maxMapNodes {
		m.Omitted = trimNodes(m)
	}
	slices.SortFunc(m.Nodes, func(x, y Node) int {
		if c := cmp.Compare(nodeRank(&x), nodeRank(&y)); c != 0 {
			return c
		}
		if c := cmp.Compare(x.Name, y.Name); c != 0 {
			return c
		}
		return cmp.Compare(x.Type, y.Type)
	})
	index := make(map[string]int, len(m.Nodes))
	for i, n := range m.Nodes {
		index[n.ID] = i
	}
	for k, a := range b.edges {
		_, okFrom := index[k[0]]
		_, okTo := index[k[1]]
		if okFrom && okTo {
			m.Edges = append(m.Edges, Edge{From: k[0], To: k[1], Stats: a.stats()})
		}
	}
	slices.SortFunc(m.Edges, func(x, y Edge) int {
		if c := cmp.Compare(index[x.From], index[y.From]); c != 0 {
			return c
		}
		return cmp.Compare(index[x.To], index[y.To])
	})
	layout(m, index)
	return m
}

// nodeRank orders nodes for drawing and trimming: the client, then the
// services (from segments), then the inferred nodes.
func nodeRank(n *Node) int {
	switch {
	case n.Type == TypeClient:
		return 0
	case !n.Inferred:
		return 1
	}
	return 2
}

// maxMapNodes bounds the nodes drawn; a map with more (hostile or very
// varied names) keeps the services and the busiest inferred nodes.
const maxMapNodes = 300

// trimNodes keeps the client, the services and then the busiest inferred
// nodes of m, maxMapNodes in all, and returns how many it left out.
func trimNodes(m *ServiceMap) int {
	slices.SortFunc(m.Nodes, func(x, y Node) int {
		if c := cmp.Compare(nodeRank(&x), nodeRank(&y)); c != 0 {
			return c
		}
		if c := cmp.Compare(y.Stats.Requests, x.Stats.Requests); c != 0 {
			return c
		}
		return cmp.Compare(x.ID, y.ID)
	})
	omitted := len(m.Nodes) - maxMapNodes
	m.Nodes = m.Nodes[:maxMapNodes]
	return omitted
}
