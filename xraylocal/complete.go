package xraylocal

import "time"

// report is a trace found complete by a check.
type report struct {
	trace   *Trace
	updated bool // reported before
}

// completeLocked finds the traces that became complete by now: nothing in
// progress, no document for the settle time, and, when a span's parent is
// missing, no document for the orphan timeout either. Each is reported
// once, and again after it changes. The caller counts the reports, with
// countLocked, once it has written them.
func (s *store) completeLocked(now time.Time) []report {
	var out []report
	for e := s.order.Front(); e != nil; e = e.Next() {
		tr := e.Value.(*traceState)
		if tr.reported || now.Sub(tr.last) < s.cfg.settle || tr.settledAt.Equal(tr.last) {
			continue
		}
		t := tr.assembled()
		if t.InProgress {
			tr.settledAt = tr.last // wait for a new document
			continue
		}
		if t.Orphans > 0 && now.Sub(tr.last) < s.cfg.orphanAfter {
			continue
		}
		tr.reported = true
		s.changedLocked(tr)
		t = tr.assembled()
		out = append(out, report{trace: t, updated: tr.reports > 0})
		tr.reports++
	}
	return out
}

// countLocked counts reports made.
func (s *store) countLocked(reports []report) {
	if len(reports) == 0 {
		return
	}
	for _, r := range reports {
		s.stats.Completed++
		if r.trace.Orphans > 0 && !r.updated {
			s.stats.Orphaned++
		}
	}
	s.bumpLocked()
}
