package lambdasim

import (
	"errors"
	"fmt"
	"io"
	"net"
	"sync"
	"sync/atomic"
	"time"
)

// Config describes the Lambda service to play.
type Config struct {
	// DaemonAddr is the X-Ray daemon's UDP address: the functions send their
	// subsegments there (AWS_XRAY_DAEMON_ADDRESS), and the service sends the
	// function segments.
	DaemonAddr string
	// Region and Account name the functions' ARNs.
	Region, Account string
	// Timeout is the functions' timeout, the deadline of each invocation;
	// 0 means 30 seconds.
	Timeout time.Duration
	// TracingOff plays a function whose active tracing is off: an
	// invocation no sampled caller traced gets Sampled=0, and no function
	// segment is sent.
	TracingOff bool
	// Output receives the functions' standard output and error, each line
	// prefixed with the function's name; nil discards them.
	Output io.Writer
}

// Service plays the Lambda service for functions run as local processes.
// Create one with New and Close it when done; it is safe for concurrent
// use.
type Service struct {
	cfg    Config
	daemon net.Conn
	out    *prefixer

	segments atomic.Uint64

	mu      sync.Mutex
	fns     []*Function
	closers []func()
}

// New returns a Service that sends the function segments to cfg.DaemonAddr.
func New(cfg Config) (*Service, error) {
	if cfg.Timeout == 0 {
		cfg.Timeout = 30 * time.Second
	}
	if cfg.Output == nil {
		cfg.Output = io.Discard
	}
	conn, err := net.Dial("udp", cfg.DaemonAddr)
	if err != nil {
		return nil, fmt.Errorf("lambdasim: X-Ray daemon address: %w", err)
	}
	return &Service{cfg: cfg, daemon: conn, out: &prefixer{w: cfg.Output}}, nil
}

// ARN returns the ARN of the function name.
func (s *Service) ARN(name string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", s.cfg.Region, s.cfg.Account, name)
}

// Segments counts the function segments sent (one per sampled
// invocation).
func (s *Service) Segments() uint64 { return s.segments.Load() }

// onClose registers f to run first on Close (event sources and APIs stop
// before the functions do).
func (s *Service) onClose(f func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.closers = append(s.closers, f)
}

// Close stops the APIs and event sources, then ends the functions'
// processes and their Runtime APIs.
func (s *Service) Close() error {
	s.mu.Lock()
	closers, fns := s.closers, s.fns
	s.closers, s.fns = nil, nil
	s.mu.Unlock()
	for i := len(closers) - 1; i >= 0; i-- {
		closers[i]()
	}
	var errs []error
	for _, f := range fns {
		errs = append(errs, f.stop())
	}
	errs = append(errs, s.daemon.Close())
	return errors.Join(errs...)
}
