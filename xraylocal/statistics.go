package xraylocal

import (
	"math"
	"slices"
)

// accum accumulates Statistics.
type accum struct {
	s   Statistics
	lat []float64
}

// call is what a request looks like to the statistics.
type call struct {
	start, end                       float64
	inProgress, err, throttle, fault bool
}

func callOf(s *Span) call {
	return call{s.Start, s.End, s.InProgress, s.Error, s.Throttle, s.Fault}
}

func (a *accum) add(c call) {
	if c.inProgress {
		return
	}
	a.s.Requests++
	if c.err {
		a.s.Errors++
	}
	if c.throttle {
		a.s.Throttles++
	}
	if c.fault {
		a.s.Faults++
	}
	if !c.err && !c.fault {
		a.s.OK++
	}
	// Documents have microsecond precision; float seconds since the epoch
	// carry noise below it.
	a.lat = append(a.lat, math.Round(max(c.end-c.start, 0)*1e6)/1e6)
}

// stats returns the statistics with latency percentiles.
func (a *accum) stats() Statistics {
	s := a.s
	n := len(a.lat)
	if n == 0 {
		return s
	}
	slices.Sort(a.lat)
	sum := 0.0
	for _, d := range a.lat {
		sum += d
	}
	rank := func(q float64) float64 {
		i := int(math.Ceil(q*float64(n))) - 1
		return a.lat[min(max(i, 0), n-1)]
	}
	s.Latency = Latency{
		Min: a.lat[0], Avg: math.Round(sum/float64(n)*1e9) / 1e9, Max: a.lat[n-1],
		P50: rank(0.50), P90: rank(0.90), P95: rank(0.95), P99: rank(0.99),
	}
	return s
}
