package ddlocal

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"sync"
)

// Server is a local Datadog Agent: the v0.4 trace intake over HTTP and
// DogStatsD over UDP, on 127.0.0.1 by default.
type Server struct {
	cfg    config
	ln     net.Listener
	srv    *http.Server
	udp    *net.UDPConn
	wg     sync.WaitGroup
	closed chan struct{}
	once   sync.Once

	mu      sync.Mutex
	changed chan struct{} // closed and replaced at every change
	spans   []Span
	order   []uint64         // trace IDs (low 64 bits) by first arrival
	byTrace map[uint64][]int // indexes into spans, by trace ID's low 64 bits
	metrics []Metric
	stats   Stats
}

// Start starts a Server; Close stops it.
func Start(opts ...Option) (*Server, error) {
	s := &Server{cfg: newConfig(opts), closed: make(chan struct{}), changed: make(chan struct{}),
		byTrace: map[uint64][]int{}}
	ln, err := net.Listen("tcp", s.cfg.traceAddr)
	if err != nil {
		return nil, fmt.Errorf("ddlocal: the trace intake cannot listen on %s: %w (choose another with WithTraceAddr)", s.cfg.traceAddr, err)
	}
	s.ln = ln
	if !s.cfg.noStatsd {
		addr, err := net.ResolveUDPAddr("udp", s.cfg.statsdAddr)
		if err == nil {
			s.udp, err = net.ListenUDP("udp", addr)
		}
		if err != nil {
			_ = ln.Close()
			return nil, fmt.Errorf("ddlocal: DogStatsD cannot listen on %s: %w (choose another with WithStatsdAddr)", s.cfg.statsdAddr, err)
		}
		s.wg.Add(1)
		go s.readStatsd()
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/v0.4/traces", s.intake)
	s.srv = &http.Server{Handler: mux}
	s.wg.Add(1)
	go func() {
		defer s.wg.Done()
		_ = s.srv.Serve(ln)
	}()
	return s, nil
}

// URL is the trace intake's base URL, the value for DD_TRACE_AGENT_URL.
func (s *Server) URL() string { return "http://" + s.ln.Addr().String() }

// StatsdAddr is DogStatsD's host:port ("" WithoutStatsd); DD_DOGSTATSD_URL
// is "udp://" and this.
func (s *Server) StatsdAddr() string {
	if s.udp == nil {
		return ""
	}
	return s.udp.LocalAddr().String()
}

// Env returns the variables that point a Datadog tracer and DogStatsD
// client at this server, as NAME=value: DD_TRACE_AGENT_URL,
// DD_DOGSTATSD_URL, DD_AGENT_HOST and DD_DOGSTATSD_PORT.
func (s *Server) Env() []string {
	env := []string{"DD_TRACE_AGENT_URL=" + s.URL()}
	if a := s.StatsdAddr(); a != "" {
		host, port, _ := net.SplitHostPort(a)
		env = append(env, "DD_DOGSTATSD_URL=udp://"+a, "DD_AGENT_HOST="+host, "DD_DOGSTATSD_PORT="+port)
	}
	return env
}

// Close stops the server.
func (s *Server) Close() error {
	var err error
	s.once.Do(func() {
		close(s.closed)
		err = s.srv.Close()
		if s.udp != nil {
			err = errors.Join(err, s.udp.Close())
		}
		s.wg.Wait()
	})
	return err
}

// intake serves PUT (or POST) /v0.4/traces.
func (s *Server) intake(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPut && r.Method != http.MethodPost {
		http.Error(w, "use PUT or POST", http.StatusMethodNotAllowed)
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, MaxPayload+1))
	if err == nil && len(body) > MaxPayload {
		err = fmt.Errorf("the payload is over %d bytes", MaxPayload)
	}
	var traces [][]Span
	if err == nil {
		traces, err = decodePayload(body)
	}
	if err != nil {
		s.update(func() { s.stats.BadPayloads++; s.stats.LastError = err.Error() })
		http.Error(w, "ddlocal: "+err.Error(), http.StatusBadRequest)
		return
	}
	s.update(func() {
		s.stats.Payloads++
		for _, t := range traces {
			for _, sp := range t {
				s.addSpanLocked(sp)
			}
		}
	})
	w.Header().Set("Content-Type", "application/json")
	_, _ = w.Write([]byte(`{"rate_by_service":{}}`))
}

// addSpanLocked keeps a span, grouped by its trace ID; s.mu is held.
func (s *Server) addSpanLocked(sp Span) {
	if len(s.spans) >= s.cfg.maxSpans {
		s.stats.DroppedSpans++
		return
	}
	s.stats.Spans++
	// Traces are grouped by the low 64 bits, as chunks without _dd.p.tid
	// are; two traces that differ only in the high bits are improbable.
	k := sp.TraceID
	if _, ok := s.byTrace[k]; !ok {
		s.order = append(s.order, k)
	}
	s.byTrace[k] = append(s.byTrace[k], len(s.spans))
	s.spans = append(s.spans, sp)
}

// readStatsd reads DogStatsD datagrams until Close.
func (s *Server) readStatsd() {
	defer s.wg.Done()
	buf := make([]byte, 65535)
	for {
		n, _, err := s.udp.ReadFromUDP(buf)
		if err != nil {
			select {
			case <-s.closed:
				return
			default:
				continue
			}
		}
		s.ReceiveMetrics(buf[:n])
	}
}

// ReceiveMetrics processes one DogStatsD datagram as if it had arrived over
// UDP; it returns once the datagram is accounted for in [Server.Stats].
func (s *Server) ReceiveMetrics(datagram []byte) {
	ms, perr := ParseDatagram(datagram)
	s.update(func() {
		s.stats.MetricDatagrams++
		if perr != nil {
			s.stats.BadLines++
			s.stats.LastError = perr.Error()
		}
		for _, m := range ms {
			if len(s.metrics) >= s.cfg.maxMetrics {
				s.stats.DroppedMetrics++
				continue
			}
			s.metrics = append(s.metrics, m)
			s.stats.Metrics++
		}
	})
}

// update runs f under the lock and wakes the waiters.
func (s *Server) update(f func()) {
	s.mu.Lock()
	f()
	s.stats.Version++
	close(s.changed)
	s.changed = make(chan struct{})
	s.mu.Unlock()
}

// WaitFor waits until cond, called with the counters after every change,
// returns true, or until ctx is done or the server closed.
func (s *Server) WaitFor(ctx context.Context, cond func(Stats) bool) error {
	for {
		s.mu.Lock()
		st, ch := s.stats, s.changed
		s.mu.Unlock()
		if cond(st) {
			return nil
		}
		select {
		case <-ch:
		case <-ctx.Done():
			return fmt.Errorf("ddlocal: %w while waiting; so far %d payloads, %d spans, %d metric values", ctx.Err(), st.Payloads, st.Spans, st.Metrics)
		case <-s.closed:
			return errors.New("ddlocal: server closed while waiting")
		}
	}
}
