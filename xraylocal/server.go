package xraylocal

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"sync"
	"syscall"
	"time"
)

// Server is a local X-Ray daemon: it receives segment documents over UDP,
// validates them, assembles traces and builds the service map, and serves
// them over HTTP. Create one with [Start]; it is safe for concurrent use.
type Server struct {
	cfg   config
	st    *store
	udp   *net.UDPConn
	fwd   *net.UDPConn
	http  *http.Server
	httpL net.Listener

	sampling *samplingProxy

	queue       chan inbound
	queuedBytes int64 // guarded by qmu
	qmu         sync.Mutex

	outMu sync.Mutex // serializes the output writers

	formats formats // the traces that arrived as OTLP

	done      chan struct{}
	wg        sync.WaitGroup
	closeOnce sync.Once
	closeErr  error
}

// inbound is a datagram between the socket and the processor.
type inbound struct {
	b    []byte
	from string
	at   time.Time
}

// Queue limits between the socket reader and the processor.
const (
	queueLen   = 4096
	queueBytes = 32 << 20
)

// Start starts a local daemon: it listens on UDP (see [WithUDPAddr]) and,
// with [WithHTTPAddr], serves the web UI and JSON API. Close it when done.
func Start(opts ...Option) (*Server, error) {
	s := newServer(newConfig(opts))
	if s.sampling.err != nil {
		return nil, s.sampling.err
	}
	if err := s.listen(); err != nil {
		s.Close()
		return nil, err
	}
	s.wg.Add(2)
	go s.readLoop()
	go s.processLoop()
	if s.http != nil {
		s.wg.Add(1)
		go func() {
			defer s.wg.Done()
			_ = s.http.Serve(s.httpL)
		}()
	}
	return s, nil
}

// newServer returns a server without sockets, for Start and for tests.
func newServer(cfg config) *Server {
	s := &Server{cfg: cfg, queue: make(chan inbound, queueLen), done: make(chan struct{})}
	s.st = newStore(&s.cfg)
	s.sampling = newSamplingProxy(cfg.samplingRules, cfg.now)
	return s
}

func (s *Server) listen() error {
	hp, err := parseDaemonAddress(s.cfg.udpAddr)
	if err != nil {
		return fmt.Errorf("%w (from %s)", err, s.cfg.udpFrom)
	}
	addr, err := net.ResolveUDPAddr("udp", hp)
	if err != nil {
		return fmt.Errorf("xraylocal: cannot resolve listen address %q (from %s): %w", hp, s.cfg.udpFrom, err)
	}
	s.udp, err = net.ListenUDP("udp", addr)
	if err != nil {
		return fmt.Errorf("xraylocal: cannot listen on udp %s (from %s): %w; is another daemon running there?", addr, s.cfg.udpFrom, err)
	}
	if s.cfg.readBuffer > 0 {
		_ = s.udp.SetReadBuffer(s.cfg.readBuffer)
	}
	if s.cfg.forward != "" {
		hp, err := parseForwardAddress(s.cfg.forward)
		if err != nil {
			return err
		}
		raddr, err := net.ResolveUDPAddr("udp", hp)
		if err != nil {
			return fmt.Errorf("xraylocal: cannot resolve forward address %q: %w", hp, err)
		}
		if err := checkForwardLoop(s.udp.LocalAddr().(*net.UDPAddr), raddr, localAddrs()); err != nil {
			return err
		}
		if s.fwd, err = net.DialUDP("udp", nil, raddr); err != nil {
			return fmt.Errorf("xraylocal: cannot open a UDP socket to %s: %w", raddr, err)
		}
	}
	if s.cfg.httpAddr != "" {
		s.httpL, err = net.Listen("tcp", s.cfg.httpAddr)
		if err != nil {
			return fmt.Errorf("xraylocal: cannot serve HTTP on %s: %w", s.cfg.httpAddr, err)
		}
		s.http = &http.Server{Handler: localHostOnly(s.Handler()), ReadHeaderTimeout: 10 * time.Second}
	}
	return nil
}

// UDPAddr returns the address the daemon listens on, for example to pass to
// xrayudp.WithEndpoint.
func (s *Server) UDPAddr() string {
	if s.udp == nil {
		return ""
	}
	return s.udp.LocalAddr().String()
}

// URL returns the web UI's address, like "http://127.0.0.1:2001/", or ""
// without [WithHTTPAddr].
func (s *Server) URL() string {
	if s.httpL == nil {
		return ""
	}
	return "http://" + s.httpL.Addr().String() + "/"
}

// Close stops listening and serving and waits for the goroutines to end.
// Datagrams still queued are processed first. It is safe to call twice.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		var errs []error
		if s.udp != nil {
			errs = append(errs, s.udp.Close())
		}
		if s.http != nil {
			ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
			errs = append(errs, s.http.Shutdown(ctx))
			cancel()
		} else if s.httpL != nil {
			errs = append(errs, s.httpL.Close())
		}
		close(s.done)
		s.wg.Wait()
		if s.fwd != nil {
			errs = append(errs, s.fwd.Close())
		}
		s.closeErr = errors.Join(errs...)
	})
	return s.closeErr
}

// readLoop reads datagrams as the daemon does (64 KiB reads), relays them
// when forwarding, and queues them for the processor.
func (s *Server) readLoop() {
	defer s.wg.Done()
	buf := make([]byte, readBufferSize)
	for {
		n, from, err := s.udp.ReadFromUDPAddrPort(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			time.Sleep(time.Millisecond) // a transient error; do not spin
			continue
		}
		b := make([]byte, n)
		copy(b, buf[:n])
		if s.fwd != nil {
			_, err := s.fwd.Write(b)
			if errors.Is(err, syscall.ECONNREFUSED) {
				// The refusal of an earlier datagram (the daemon was down),
				// reported on this write, which did not go out: once more.
				_, err = s.fwd.Write(b)
			}
			s.st.mu.Lock()
			if err != nil {
				s.st.stats.ForwardErrors++
			} else {
				s.st.stats.Forwarded++
			}
			s.st.mu.Unlock()
		}
		s.enqueue(inbound{b: b, from: from.String(), at: s.cfg.now()})
	}
}

// enqueue hands a datagram to the processor, or counts it lost when the
// processor is too far behind.
func (s *Server) enqueue(in inbound) {
	s.qmu.Lock()
	full := s.queuedBytes+int64(len(in.b)) > queueBytes
	if !full {
		select {
		case s.queue <- in:
			s.queuedBytes += int64(len(in.b))
		default:
			full = true
		}
	}
	s.qmu.Unlock()
	if full {
		s.st.mu.Lock()
		s.st.stats.Datagrams++
		s.st.stats.Bytes += uint64(len(in.b))
		s.st.stats.Overflow++
		s.st.bumpLocked()
		s.st.mu.Unlock()
	}
}

// processLoop validates and assembles queued datagrams and reports
// completed traces.
func (s *Server) processLoop() {
	defer s.wg.Done()
	tick := time.NewTicker(tickInterval(s.cfg))
	defer tick.Stop()
	for {
		select {
		case in := <-s.queue:
			s.dequeued(in)
		case <-tick.C:
			s.checkComplete(s.cfg.now())
		case <-s.done:
			for {
				select {
				case in := <-s.queue:
					s.dequeued(in)
				default:
					return
				}
			}
		}
	}
}

func (s *Server) dequeued(in inbound) {
	s.qmu.Lock()
	s.queuedBytes -= int64(len(in.b))
	s.qmu.Unlock()
	s.process(in.b, in.from, in.at)
}

// tickInterval is how often completion is checked.
func tickInterval(c config) time.Duration {
	d := min(c.settle, c.orphanAfter) / 2
	return min(max(d, 10*time.Millisecond), 100*time.Millisecond)
}

// checkComplete reports the traces complete by now.
func (s *Server) checkComplete(now time.Time) {
	s.st.mu.Lock()
	reports := s.st.completeLocked(now)
	s.st.mu.Unlock()
	if len(reports) == 0 {
		return
	}
	if s.cfg.treeOut != nil {
		s.outMu.Lock()
		for _, r := range reports {
			if r.updated {
				fmt.Fprint(s.cfg.treeOut, "(updated) ")
			}
			_ = r.trace.WriteTree(s.cfg.treeOut)
			fmt.Fprintln(s.cfg.treeOut)
		}
		s.outMu.Unlock()
	}
	s.st.mu.Lock()
	s.st.countLocked(reports)
	s.st.mu.Unlock()
}
