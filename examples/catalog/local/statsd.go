package main

import (
	"net"
	"strconv"
	"strings"
	"sync"
)

// statsd is a DogStatsD listener standing in for the Datadog agent: it
// sums the counts of one metric by their event_type tag.
type statsd struct {
	conn   *net.UDPConn
	metric string
	mu     sync.Mutex
	counts map[string]float64
	done   chan struct{}
}

func startStatsd(metric string) (*statsd, error) {
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, err
	}
	_ = conn.SetReadBuffer(4 << 20)
	s := &statsd{conn: conn, metric: metric, counts: map[string]float64{}, done: make(chan struct{})}
	go s.run()
	return s, nil
}

func (s *statsd) port() string {
	return strconv.Itoa(s.conn.LocalAddr().(*net.UDPAddr).Port)
}

func (s *statsd) run() {
	defer close(s.done)
	buf := make([]byte, 8192)
	for {
		n, err := s.conn.Read(buf)
		if err != nil {
			return
		}
		for line := range strings.SplitSeq(string(buf[:n]), "\n") {
			s.add(line)
		}
	}
}

// add reads "name:value|c|#tag,tag".
func (s *statsd) add(line string) {
	name, rest, ok := strings.Cut(line, ":")
	if !ok || name != s.metric {
		return
	}
	parts := strings.Split(rest, "|")
	if len(parts) < 2 || parts[1] != "c" {
		return
	}
	v, err := strconv.ParseFloat(parts[0], 64)
	if err != nil {
		return
	}
	typ := ""
	for _, p := range parts[2:] {
		for tag := range strings.SplitSeq(strings.TrimPrefix(p, "#"), ",") {
			if t, ok := strings.CutPrefix(tag, "event_type:"); ok {
				typ = t
			}
		}
	}
	s.mu.Lock()
	s.counts[typ] += v
	s.mu.Unlock()
}

// snapshot returns the counts by event type, and their total.
func (s *statsd) snapshot() (map[string]float64, float64) {
	s.mu.Lock()
	defer s.mu.Unlock()
	out, total := map[string]float64{}, 0.0
	for k, v := range s.counts {
		out[k] = v
		total += v
	}
	return out, total
}

func (s *statsd) close() {
	s.conn.Close()
	<-s.done
}
