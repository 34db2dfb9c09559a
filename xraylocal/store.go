package xraylocal

import (
	"container/list"
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

	mapCache        *ServiceMap
	mapCacheVersion uint64
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
	// cache is the assembled trace (read-only once built) and its search
	// text; both are reset when the trace changes.
	cache  *Trace
	search string
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

// spanCost estimates the memory a span takes beyond its document's bytes:
// the parsed form (measured: about 800 bytes for an aws call) and its copy
// in the assembled trace.
const spanCost = 1536

// docCost estimates the memory a kept document takes.
func docCost(raw []byte, spans int) int64 {
	return int64(len(raw)) + int64(spans)*spanCost
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

// addLocked adds a parsed document to its trace. It returns false when the
// document was left out because the trace reached its span limit.
func (s *store) addLocked(p *parsed, raw []byte, nProblems int, now time.Time) bool {
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
		return true
	}
	spans := tr.spans + p.spans
	if old != nil {
		spans -= old.p.spans
	}
	if spans > s.cfg.maxSpans {
		if len(tr.docs) == 0 {
			s.removeLocked(tr)
		}
		return false
	}
	tr.seq++
	s.order1++
	numberRecs(p.top, &s.order1)
	d := &docState{p: p, raw: raw, seq: tr.seq, problems: nProblems, cost: docCost(raw, p.spans)}
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
	tr.cache = nil
	s.evictLocked(tr)
	return true
}

// numberRecs gives the recs of a tree increasing arrival numbers.
func numberRecs(r *rec, n *int) {
	*n++
	r.order = *n
	for _, c := range r.subs {
		numberRecs(c, n)
	}
}

// evictLocked drops the oldest traces, never keep, while over a limit.
func (s *store) evictLocked(keep *traceState) {
	for len(s.traces) > s.cfg.maxTraces || s.bytes > s.cfg.maxBytes {
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
	s.order.Remove(tr.elem)
	delete(s.traces, tr.id)
	s.bytes -= tr.bytes
}
