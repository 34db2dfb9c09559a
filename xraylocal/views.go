package xraylocal

import (
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

// assembledAll returns the assembled traces, oldest first (newest first
// with newestFirst), with their search texts, assembling outside the lock
// what is not cached.
func (st *store) assembledAll(newestFirst bool) (traces []*Trace, search []string, views uint64) {
	st.mu.Lock()
	views = st.views
	traces = make([]*Trace, 0, len(st.traces))
	search = make([]string, 0, len(st.traces))
	var todo []int
	var snaps []*traceSnap
	e := st.order.Front()
	if newestFirst {
		e = st.order.Back()
	}
	for e != nil {
		tr := e.Value.(*traceState)
		t, snap := tr.cachedLocked()
		if snap != nil {
			todo, snaps = append(todo, len(traces)), append(snaps, snap)
		}
		traces, search = append(traces, t), append(search, tr.search)
		if newestFirst {
			e = e.Prev()
		} else {
			e = e.Next()
		}
	}
	st.mu.Unlock()
	if len(snaps) == 0 {
		return traces, search, views
	}
	for i, snap := range snaps {
		t := snap.assemble()
		traces[todo[i]], search[todo[i]] = t, searchText(t)
	}
	st.mu.Lock()
	for i, snap := range snaps {
		if snap.tr.ver == snap.ver && st.traces[snap.id] == snap.tr {
			snap.tr.cache, snap.tr.search, snap.tr.cacheVer = traces[todo[i]], search[todo[i]], snap.ver
		}
	}
	st.mu.Unlock()
	return traces, search, views
}

// Traces returns the summaries of the traces held, newest first (by first
// arrival). A non-empty query keeps the traces that contain each of its
// words (case-insensitive) in their id, span names, called node names (a
// table, a queue, a host), URLs, or in the words error, throttle, fault,
// problems, orphan or in-progress when these apply.
func (s *Server) Traces(query string) []TraceSummary {
	traces, search, _ := s.st.assembledAll(true)
	out := []TraceSummary{}
	for i, t := range traces {
		if query == "" || matches(search[i], query) {
			sum := t.TraceSummary
			sum.Services = slices.Clone(sum.Services)
			out = append(out, sum)
		}
	}
	return out
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
	return snap.assemble(), true
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
	traces, _, views := st.assembledAll(false)
	b := newGraphBuilder()
	for _, t := range traces {
		b.addTrace(t)
	}
	m := b.build(len(traces))
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
