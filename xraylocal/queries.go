package xraylocal

import (
	"slices"
	"strings"
)

// assembled returns the trace assembled, from the cache when nothing
// changed. The result is shared: callers must not modify it.
func (tr *traceState) assembled() *Trace {
	if tr.cache == nil {
		tr.cache = tr.assemble()
		tr.search = searchText(tr.cache)
	}
	return tr.cache
}

// searchText is what a trace filter matches: the trace id, the names of
// spans and of the nodes they call, URLs, and the words error, throttle,
// fault, problems, orphan and "in-progress" when they apply.
func searchText(t *Trace) string {
	var b strings.Builder
	b.WriteString(t.ID)
	t.Walk(func(s *Span, _ int) bool {
		b.WriteString("\n" + s.Name)
		if s.Namespace != "" {
			for _, tg := range inferTargets(s) {
				b.WriteString("\n" + tg.name)
			}
		}
		if s.HTTP != nil {
			b.WriteString("\n" + s.HTTP.URL)
		}
		return true
	})
	for _, w := range []struct {
		on   bool
		word string
	}{{t.Error, "error"}, {t.Throttle, "throttle"}, {t.Fault, "fault"}, {t.Problems > 0, "problems"},
		{t.Orphans > 0, "orphan"}, {t.InProgress, "in-progress"}} {
		if w.on {
			b.WriteString("\n" + w.word)
		}
	}
	return strings.ToLower(b.String())
}

// matches reports whether every word of query is in text.
func matches(text, query string) bool {
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// Traces returns the summaries of the traces held, newest first (by first
// arrival). A non-empty query keeps the traces that contain each of its
// words (case-insensitive) in their id, span names, called node names (a
// table, a queue, a host), URLs, or in the words error, throttle, fault,
// problems, orphan or in-progress when these apply.
func (s *Server) Traces(query string) []TraceSummary {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	out := []TraceSummary{}
	for e := s.st.order.Back(); e != nil; e = e.Prev() {
		tr := e.Value.(*traceState)
		t := tr.assembled()
		if query == "" || matches(tr.search, query) {
			sum := t.TraceSummary
			sum.Services = slices.Clone(sum.Services)
			sum.Format = s.formats.of(sum.ID)
			out = append(out, sum)
		}
	}
	return out
}

// Trace returns the trace with this id, assembled from the documents
// received so far, and whether it is held.
func (s *Server) Trace(id string) (*Trace, bool) {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	tr := s.st.traces[id]
	if tr == nil {
		return nil, false
	}
	t := tr.assemble()
	t.Format = s.formats.of(id)
	return t, true
}

// ServiceMap returns the service map over all traces held, including
// documents still in progress (their requests are not counted until they
// finish).
func (s *Server) ServiceMap() *ServiceMap {
	s.st.mu.Lock()
	m := *s.st.serviceMapLocked()
	s.st.mu.Unlock()
	m.Nodes, m.Edges = slices.Clone(m.Nodes), slices.Clone(m.Edges)
	return &m
}

// serviceMapLocked builds the map, or returns the one built since the last
// change. The result is shared: callers must not modify it.
func (st *store) serviceMapLocked() *ServiceMap {
	if st.mapCache != nil && st.mapCacheVersion == st.stats.Version {
		return st.mapCache
	}
	b := newGraphBuilder()
	for e := st.order.Front(); e != nil; e = e.Next() {
		b.addTrace(e.Value.(*traceState).assembled())
	}
	st.mapCache, st.mapCacheVersion = b.build(len(st.traces)), st.stats.Version
	return st.mapCache
}

// Problems returns the problems kept (the newest, see WithMaxProblems),
// oldest first.
func (s *Server) Problems() []Problem {
	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	return s.st.problems.list()
}
