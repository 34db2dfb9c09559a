package xraylocal

import (
	"container/list"
	"encoding/json"
	"slices"
	"time"
)

// The views (the trace list, a trace, the service map) are built on
// demand and cached: an assembled trace until its trace changes, the map
// and a trace's JSON until any trace changes. What is not cached is
// assembled outside the store's lock, from a snapshot of the documents
// (which are read-only once added), so that ingestion does not wait for
// the API.

// traceSnap is what assembling a trace needs, copied under the lock.
type traceSnap struct {
	tr          *traceState
	ver         uint64
	id          string
	docs        []*docState
	spans       int
	problems    int
	first, last time.Time
	reported    bool
}

// snapshotLocked copies what assembling tr needs.
func (tr *traceState) snapshotLocked() *traceSnap {
	docs := make([]*docState, 0, len(tr.docs))
	for _, d := range tr.docs {
		docs = append(docs, d)
	}
	return &traceSnap{tr: tr, ver: tr.ver, id: tr.id, docs: docs, spans: tr.spans, problems: tr.problems,
		first: tr.first, last: tr.last, reported: tr.reported}
}

// assembled returns the trace assembled, from the cache when nothing
// changed. The result is shared: callers must not modify it.
func (tr *traceState) assembled() *Trace {
	if tr.cache == nil || tr.cacheVer != tr.ver {
		tr.setCache(tr.snapshotLocked().assemble(), tr.ver)
	}
	return tr.cache
}

func (tr *traceState) setCache(t *Trace, ver uint64) {
	tr.cache, tr.search, tr.cacheVer = t, searchText(t), ver
}

// cachedLocked returns tr's cached assembly, or a snapshot to assemble.
func (tr *traceState) cachedLocked() (*Trace, *traceSnap) {
	if tr.cache != nil && tr.cacheVer == tr.ver {
		return tr.cache, nil
	}
	return nil, tr.snapshotLocked()
}

// view is a trace's cached views, or what is needed to build them.
type view struct {
	tr     *traceState
	ver    uint64
	t      *Trace
	search string
	graph  *traceGraph
	snap   *traceSnap // not nil when t was not cached
	built  bool       // graph built here
}

// allViews returns the views of the traces, oldest first (newest first with
// newestFirst), the first limit of them (all when limit is negative),
// assembling outside the lock the traces not cached, and
// the count of changes they reflect.
func (st *store) allViews(newestFirst bool, limit int) ([]view, uint64) {
	st.mu.Lock()
	count := st.views
	out := make([]view, 0, len(st.traces))
	e, next := st.order.Front(), (*list.Element).Next
	if newestFirst {
		e, next = st.order.Back(), (*list.Element).Prev
	}
	for ; e != nil && (limit < 0 || len(out) < limit); e = next(e) {
		tr := e.Value.(*traceState)
		v := view{tr: tr, ver: tr.ver}
		if tr.cache != nil && tr.cacheVer == tr.ver {
			v.t, v.search = tr.cache, tr.search
			if tr.graphVer == tr.ver {
				v.graph = tr.graph
			}
		} else {
			v.snap = tr.snapshotLocked()
		}
		out = append(out, v)
	}
	st.mu.Unlock()
	for i := range out {
		if v := &out[i]; v.snap != nil {
			v.t = v.snap.assemble()
			v.search = searchText(v.t)
		}
	}
	return out, count
}

// keep caches what views built, for the traces that did not change since.
func (st *store) keep(vs []view) {
	st.mu.Lock()
	defer st.mu.Unlock()
	for _, v := range vs {
		if v.tr.ver != v.ver || st.traces[v.tr.id] != v.tr {
			continue
		}
		if v.snap != nil {
			v.tr.cache, v.tr.search, v.tr.cacheVer = v.t, v.search, v.ver
		}
		if v.built {
			v.tr.graph, v.tr.graphVer = v.graph, v.ver
		}
	}
}

// Traces returns the summaries of the traces held, newest first (by first
// arrival). A non-empty query keeps the traces that contain each of its
// words (case-insensitive) in their id, span names, called node names (a
// table, a queue, a host), URLs, or in the words error, throttle, fault,
// problems, orphan or in-progress when these apply.
func (s *Server) Traces(query string) []TraceSummary {
	list, _ := s.traces(query, -1)
	return list
}

// traces returns the first limit summaries matching query (all with a
// negative limit), and how many match.
func (s *Server) traces(query string, limit int) ([]TraceSummary, int) {
	views := -1
	if query == "" && limit >= 0 {
		views = limit // no filter: only the page is needed
	}
	vs, _ := s.st.allViews(true, views)
	s.st.keep(vs)
	out := []TraceSummary{}
	n := 0
	if views >= 0 {
		s.st.mu.Lock()
		n = len(s.st.traces)
		s.st.mu.Unlock()
	}
	for _, v := range vs {
		if query != "" && !matches(v.search, query) {
			continue
		}
		if views < 0 {
			n++
		}
		if limit < 0 || len(out) < limit {
			sum := v.t.TraceSummary
			sum.Services = slices.Clone(sum.Services)
			sum.Format = s.formats.of(sum.ID)
			out = append(out, sum)
		}
	}
	return out, n
}

// Trace returns the trace with this id, assembled from the documents
// received so far, and whether it is held. The trace is the caller's.
func (s *Server) Trace(id string) (*Trace, bool) {
	s.st.mu.Lock()
	tr := s.st.traces[id]
	var snap *traceSnap
	if tr != nil {
		snap = tr.snapshotLocked()
	}
	s.st.mu.Unlock()
	if snap == nil {
		return nil, false
	}
	t := snap.assemble()
	t.Format = s.formats.of(id)
	return t, true
}

// ServiceMap returns the service map over all traces held, including
// documents still in progress (their requests are not counted until they
// finish).
func (s *Server) ServiceMap() *ServiceMap {
	m := *s.st.serviceMap()
	m.Nodes, m.Edges = slices.Clone(m.Nodes), slices.Clone(m.Edges)
	return &m
}

// serviceMap builds the map, or returns the one built since the last
// change. The result is shared: callers must not modify it.
func (st *store) serviceMap() *ServiceMap {
	st.mu.Lock()
	if st.mapCache != nil && st.mapViews == st.views {
		m := st.mapCache
		st.mu.Unlock()
		return m
	}
	st.mu.Unlock()
	vs, views := st.allViews(false, -1)
	b := newGraphBuilder()
	for i := range vs {
		v := &vs[i]
		if v.graph == nil {
			v.graph, v.built = graphOf(v.t), true
		}
		b.merge(v.graph)
	}
	st.keep(vs)
	m := b.build(len(vs))
	st.mu.Lock()
	if st.mapCache == nil || views >= st.mapViews {
		st.mapCache, st.mapViews = m, views
	}
	st.mu.Unlock()
	return m
}

// tracesJSON is the JSON of the last trace served by the API.
type tracesJSON struct {
	tr  *traceState
	ver uint64
	b   []byte
}

// traceJSON returns the JSON of the trace with this id, from the cache
// when it has not changed since it was last served. A trace's JSON is
// cached when it takes at most an eighth of WithMaxBytes.
func (st *store) traceJSON(id string) ([]byte, bool, error) {
	st.mu.Lock()
	tr := st.traces[id]
	if tr == nil {
		st.mu.Unlock()
		return nil, false, nil
	}
	if c := st.jsonCache; c.tr == tr && c.ver == tr.ver {
		st.mu.Unlock()
		return c.b, true, nil
	}
	ver := tr.ver
	t, snap := tr.cachedLocked()
	st.mu.Unlock()
	if snap != nil {
		t = snap.assemble()
	}
	b, err := json.Marshal(t)
	if err != nil {
		return nil, true, err
	}
	b = append(b, '\n')
	st.mu.Lock()
	if st.traces[id] == tr && tr.ver == ver {
		if snap != nil {
			tr.setCache(t, ver)
		}
		if int64(len(b)) <= st.cfg.maxBytes/8 {
			st.jsonCache = tracesJSON{tr: tr, ver: ver, b: b}
		}
	}
	st.mu.Unlock()
	return b, true, nil
}

// Problems returns the problems kept (the newest, see WithMaxProblems),
// oldest first.
func (s *Server) Problems() []Problem {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.problems.list()
}
