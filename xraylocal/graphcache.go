package xraylocal

// traceGraph is one trace's part of the service map: its nodes and edges
// with their calls, as graphBuilder.addTrace makes them. It is cached with
// the trace, so that the map over many traces is a merge of these, and
// only traces that changed are walked again.
type traceGraph struct {
	nodes []*nodeAcc
	edges []edgeAcc
	// producers and linked are left for the merged map to resolve: a
	// consumer's producer is usually in another trace.
	producers map[string]string
	linked    []linkedRoot
}

type edgeAcc struct {
	key [2]string
	acc accum
}

// graphOf returns t's part of the service map.
func graphOf(t *Trace) *traceGraph {
	b := newGraphBuilder()
	b.addTrace(t)
	g := &traceGraph{nodes: make([]*nodeAcc, 0, len(b.nodes)), edges: make([]edgeAcc, 0, len(b.edges))}
	for _, n := range b.nodes {
		g.nodes = append(g.nodes, n)
	}
	for k, a := range b.edges {
		g.edges = append(g.edges, edgeAcc{k, *a})
	}
	g.producers, g.linked = b.producers, b.linked
	return g
}

// merge adds a trace's part of the map. g is not modified.
func (b *graphBuilder) merge(g *traceGraph) {
	for _, n := range g.nodes {
		m := b.nodes[n.node.ID]
		if m == nil {
			m = &nodeAcc{node: n.node}
			b.nodes[n.node.ID] = m
		} else {
			m.node.Inferred = m.node.Inferred && n.node.Inferred
			m.node.Root = m.node.Root || n.node.Root
		}
		m.acc.merge(&n.acc)
	}
	for _, e := range g.edges {
		a := b.edges[e.key]
		if a == nil {
			a = &accum{}
			b.edges[e.key] = a
		}
		a.merge(&e.acc)
	}
	for id, p := range g.producers {
		b.producers[id] = p
	}
	b.linked = append(b.linked, g.linked...)
}

// merge adds o's requests to a. o is not modified.
func (a *accum) merge(o *accum) {
	a.s.Requests += o.s.Requests
	a.s.OK += o.s.OK
	a.s.Errors += o.s.Errors
	a.s.Throttles += o.s.Throttles
	a.s.Faults += o.s.Faults
	a.lat = append(a.lat, o.lat...)
}
