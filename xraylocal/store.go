package xraylocal

import (
	"container/list"
	"fmt"
	"sync"
	"time"
)

// store holds the traces and problems; every field is guarded by mu.
type store struct {
	cfg *config

	mu       sync.Mutex
	traces   map[string]*traceState
	order    *list.List // of *traceState, oldest first arrival at the front
	bytes    int64      // memory estimate of all traces, see docCost
	problems problemRing
	stats    Stats
	order1   int    // arrival counter for recs
	seq      uint64 // datagrams numbered so far
	changed  chan struct{}

	// views counts changes to the traces (a document added, a trace
	// reported or removed); the caches of the views are valid for one
	// count. See views.go.
	views     uint64
	mapCache  *ServiceMap
	mapViews  uint64
	jsonCache tracesJSON
}

// traceState is one trace being assembled.
type traceState struct {
	id          string
	docs        map[string]*docState // top-level documents by id
	spans       int
	bytes       int64
	problems    int
	first, last time.Time
	elem        *list.Element
	seq         int // documents added, for arrival order
	reported    bool
	reports     int
	// ver counts the trace's changes. cache is the assembled trace
	// (read-only once built) and search its search text, valid while
	// cacheVer is ver.
	ver      uint64
	cache    *Trace
	search   string
	cacheVer uint64
	// graph is the trace's part of the service map, valid while graphVer
	// is ver.
	graph    *traceGraph
	graphVer uint64
	// settledAt is the last arrival time at which the trace was found in
	// progress, so that it is not reassembled until something new comes.
	settledAt time.Time
}

// docState is one top-level document kept.
type docState struct {
	p        *parsed
	raw      []byte
	seq      int
	problems int
	cost     int64 // memory estimate, see docCost
}

// spanCost estimates the fixed memory a span takes: its parsed form and
// its copy in the assembled trace, without the strings and objects it
// holds (see spanRetained).
const spanCost = 1536

// docCost estimates the memory a kept document takes: its bytes, its
// spans, and what their decoded objects and strings hold.
func docCost(raw []byte, p *parsed) int64 {
	return int64(len(raw)) + int64(p.spans)*spanCost + p.retained
}

func newStore(cfg *config) *store {
	return &store{
		cfg:     cfg,
		traces:  map[string]*traceState{},
		order:   list.New(),
		changed: make(chan struct{}),
	}
}

// bumpLocked records a change and wakes waiters.
func (s *store) bumpLocked() {
	s.stats.Version++
	close(s.changed)
	s.changed = make(chan struct{})
}

// statsLocked returns the counters.
func (s *store) statsLocked() Stats {
	st := s.stats
	st.Traces = len(s.traces)
	st.Memory = s.bytes
	st.Problems = s.problems.total
	return st
}

// addLocked adds a parsed document to its trace, evicting the oldest other
// traces to make room. It returns why the document was left out instead:
// its trace reached its span limit, or would alone take more memory than
// the limit.
func (s *store) addLocked(p *parsed, raw []byte, nProblems int, now time.Time) (refused string) {
	tr := s.traces[p.traceID]
	if tr == nil {
		tr = &traceState{id: p.traceID, docs: map[string]*docState{}, first: now}
		tr.elem = s.order.PushBack(tr)
		s.traces[p.traceID] = tr
	}
	id := p.top.span.ID
	old := tr.docs[id]
	if old != nil && old.p.complete && !p.complete {
		// An in-progress document after its complete one: X-Ray keeps the
		// complete one.
		tr.last = now
		return ""
	}
	spans := tr.spans + p.spans
	var oldCost int64
	if old != nil {
		spans -= old.p.spans
		oldCost = old.cost
	}
	cost := docCost(raw, p)
	switch {
	case spans > s.cfg.maxSpans:
		refused = fmt.Sprintf("trace %s already holds %d spans, the most kept per trace; this document is left out", p.traceID, s.cfg.maxSpans)
	case tr.bytes-oldCost+cost > s.cfg.maxBytes:
		refused = fmt.Sprintf("trace %s would take about %d bytes with this document, over the memory limit of %d (WithMaxBytes, -max-memory); this document is left out", p.traceID, tr.bytes-oldCost+cost, s.cfg.maxBytes)
	}
	if refused != "" {
		if len(tr.docs) == 0 {
			s.removeLocked(tr)
		}
		return refused
	}
	s.evictLocked(tr, cost-oldCost)
	tr.seq++
	s.order1++
	numberRecs(p.top, &s.order1)
	d := &docState{p: p, raw: raw, seq: tr.seq, problems: nProblems, cost: cost}
	if old != nil {
		tr.bytes -= old.cost
		s.bytes -= old.cost
		tr.problems -= old.problems
	}
	tr.docs[id] = d
	tr.spans = spans
	tr.bytes += d.cost
	s.bytes += d.cost
	tr.problems += nProblems
	tr.last = now
	tr.reported = false
	s.changedLocked(tr)
	return ""
}

// changedLocked records a change of tr, invalidating the views' caches.
func (s *store) changedLocked(tr *traceState) {
	tr.ver++
	s.views++
}

// numberRecs gives the recs of a tree increasing arrival numbers.
func numberRecs(r *rec, n *int) {
	*n++
	r.order = *n
	for _, c := range r.subs {
		numberRecs(c, n)
	}
}

// evictLocked drops the oldest traces, never keep, while over a limit
// once extra more bytes are held.
func (s *store) evictLocked(keep *traceState, extra int64) {
	for len(s.traces) > s.cfg.maxTraces || s.bytes+extra > s.cfg.maxBytes {
		front := s.order.Front()
		if front == nil {
			return
		}
		tr := front.Value.(*traceState)
		if tr == keep {
			if front.Next() == nil {
				return
			}
			tr = front.Next().Value.(*traceState)
		}
		s.removeLocked(tr)
		s.stats.Evicted++
	}
}

func (s *store) removeLocked(tr *traceState) {
	s.views++
	s.order.Remove(tr.elem)
	delete(s.traces, tr.id)
	s.bytes -= tr.bytes
}
