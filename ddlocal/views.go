package ddlocal

import "slices"

// Stats counts what a Server received.
type Stats struct {
	// Payloads counts trace payloads decoded; BadPayloads those that were
	// not (answered 400 or 413).
	Payloads, BadPayloads uint64
	// Spans counts spans kept; DroppedSpans those over WithMaxSpans.
	Spans, DroppedSpans uint64
	// MetricDatagrams counts DogStatsD datagrams; BadLines those with a
	// line that could not be read; Metrics the values kept, DroppedMetrics
	// those over WithMaxMetrics.
	MetricDatagrams, BadLines, Metrics, DroppedMetrics uint64
	// LastError is the last payload or line that could not be read, and why.
	LastError string
	// Version changes at every change.
	Version uint64
}

// Stats returns the counters.
func (s *Server) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.stats
}

// Traces returns every trace received, by first arrival.
func (s *Server) Traces() []Trace {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]Trace, 0, len(s.order))
	for _, k := range s.order {
		out = append(out, s.traceLocked(k))
	}
	return out
}

// Trace returns the trace whose ID, in X-Ray's form, is xrayID.
func (s *Server) Trace(xrayID string) (Trace, bool) {
	for _, t := range s.Traces() {
		if t.XRayTraceID() == xrayID {
			return t, true
		}
	}
	return Trace{}, false
}

func (s *Server) traceLocked(k uint64) Trace {
	t := Trace{TraceID: k}
	for _, i := range s.byTrace[k] {
		sp := s.spans[i]
		if t.TraceIDHigh == 0 {
			t.TraceIDHigh = sp.TraceIDHigh()
		}
		t.Spans = append(t.Spans, sp)
	}
	return t
}

// Metrics returns every metric value received, in order.
func (s *Server) Metrics() []Metric {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.metrics)
}
