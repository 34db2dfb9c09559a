package xraylocal

import (
	"io"
	"os"
	"time"
)

// Defaults of the limits and timings.
const (
	// DefaultMaxTraces is how many traces are kept; older ones are evicted.
	DefaultMaxTraces = 1000
	// DefaultMaxSpansPerTrace caps the (sub)segments kept per trace.
	DefaultMaxSpansPerTrace = 2000
	// DefaultMaxProblems is how many problems the problems list keeps.
	DefaultMaxProblems = 1000
	// DefaultMaxBytes caps the memory held for traces (an estimate).
	DefaultMaxBytes = 256 << 20
	// DefaultSettle is how long a trace must go without new documents
	// before it is reported complete.
	DefaultSettle = 500 * time.Millisecond
	// DefaultOrphanTimeout is how long a trace waits for the parent of an
	// orphan document before it is reported without it.
	DefaultOrphanTimeout = 2 * time.Second
)

// Option configures a Server.
type Option func(*config)

type config struct {
	udpAddr     string
	udpFrom     string
	httpAddr    string
	forward     string
	maxTraces   int
	maxSpans    int
	maxProblems int
	maxBytes    int64
	settle      time.Duration
	orphanAfter time.Duration
	strict      bool
	readBuffer  int
	treeOut     io.Writer
	problemOut  io.Writer
	docOut      io.Writer
	getenv      func(string) string
	now         func() time.Time

	samplingRules string // WithSamplingRules
}

func newConfig(opts []Option) config {
	c := config{
		maxTraces:   DefaultMaxTraces,
		maxSpans:    DefaultMaxSpansPerTrace,
		maxProblems: DefaultMaxProblems,
		maxBytes:    DefaultMaxBytes,
		settle:      DefaultSettle,
		orphanAfter: DefaultOrphanTimeout,
		getenv:      os.Getenv,
		now:         time.Now,
	}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.udpAddr == "" {
		c.udpAddr, c.udpFrom = c.getenv(EnvDaemonAddress), EnvDaemonAddress
	}
	if c.udpAddr == "" {
		c.udpAddr, c.udpFrom = DefaultUDPAddr, "the default"
	}
	return c
}

// WithUDPAddr sets the UDP address to listen on, in either form of
// AWS_XRAY_DAEMON_ADDRESS ("host:port" or "udp:host:port tcp:host:port").
// Port 0 picks a free port; see [Server.UDPAddr]. Without this option the
// address comes from AWS_XRAY_DAEMON_ADDRESS, else 127.0.0.1:2000.
func WithUDPAddr(addr string) Option {
	return func(c *config) { c.udpAddr, c.udpFrom = addr, "WithUDPAddr" }
}

// WithHTTPAddr serves the web UI and the JSON API on addr, for example
// "127.0.0.1:2001", or "127.0.0.1:0" for a free port (see [Server.URL]).
// Without it nothing is served over HTTP; [Server.Handler] still works.
// Requests must name the host by IP address or as localhost, so that no
// web page can read the traces through DNS rebinding.
func WithHTTPAddr(addr string) Option {
	return func(c *config) { c.httpAddr = addr }
}

// WithForward relays every datagram received, unchanged and before any
// check, to another daemon at "udp:host:port" (or "host:port"), so that
// xraylocal can sit in front of the real X-Ray daemon.
func WithForward(addr string) Option {
	return func(c *config) { c.forward = addr }
}

// WithMaxTraces keeps at most n traces (the newest by first arrival);
// older ones are evicted and counted in [Stats].Evicted. The default is
// [DefaultMaxTraces].
func WithMaxTraces(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxTraces = n
		}
	}
}

// WithMaxSpansPerTrace keeps at most n (sub)segments per trace; a document
// that would take a trace past it is dropped, counted and reported. The
// default is [DefaultMaxSpansPerTrace].
func WithMaxSpansPerTrace(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxSpans = n
		}
	}
}

// WithMaxProblems keeps the newest n problems in the problems list; the
// total is still counted. The default is [DefaultMaxProblems].
func WithMaxProblems(n int) Option {
	return func(c *config) {
		if n > 0 {
			c.maxProblems = n
		}
	}
}

// WithMaxBytes caps the memory held for traces, estimated as the bytes of
// the documents kept, 1.5 KiB per span (their parsed and assembled forms),
// and what the objects kept decoded (aws, sql, annotations, metadata) and
// the strings take on the heap; the oldest traces are evicted to stay
// under it, and a document that would take its trace alone past it is
// left out (counted in [Stats].OverLimit). Beyond it, the process holds a
// fixed overhead (the receive queue, up to 32 MiB of datagrams; the
// problems list; the runtime) and the JSON of the last trace served by the
// API, when it takes at most an eighth of n. The default is
// [DefaultMaxBytes]. Values below 1 MiB are raised to 1 MiB.
func WithMaxBytes(n int64) Option {
	return func(c *config) { c.maxBytes = max(n, 1<<20) }
}

// WithSettle sets how long a trace must go without new documents before it
// is reported complete (printed, counted in [Stats].Completed). The default
// is [DefaultSettle].
func WithSettle(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.settle = d
		}
	}
}

// WithOrphanTimeout sets how long a trace waits for the parent of an orphan
// (a document whose parent_id names a (sub)segment not received) before it
// is reported complete without it. In AWS Lambda the parent of the
// function's subsegments is the function's own segment, which Lambda sends
// itself, so locally it never arrives. The default is [DefaultOrphanTimeout].
func WithOrphanTimeout(d time.Duration) Option {
	return func(c *config) {
		if d >= 0 {
			c.orphanAfter = d
		}
	}
}

// WithStrict leaves documents that break any rule of package
// [github.com/otelxray/otelxray/segment/validate] out of traces and the
// service map, as X-Ray might reject them. By default they are assembled,
// marked, and listed with their problems.
func WithStrict() Option {
	return func(c *config) { c.strict = true }
}

// WithReadBuffer sets the UDP socket's receive buffer in bytes. By default
// the system default is kept, as the X-Ray daemon does, so that bursts are
// lost here as they would be there.
func WithReadBuffer(bytes int) Option {
	return func(c *config) { c.readBuffer = bytes }
}

// WithTraceOutput writes each trace, once complete, to w as a tree with
// durations and flags. A trace that gets more documents later is written
// again, marked "updated".
func WithTraceOutput(w io.Writer) Option {
	return func(c *config) { c.treeOut = w }
}

// WithProblemOutput writes each problem found to w, one line each, with
// text from the datagram escaped for a terminal (see [Trace.WriteTree]).
func WithProblemOutput(w io.Writer) Option {
	return func(c *config) { c.problemOut = w }
}

// WithDocumentOutput writes every document accepted into a trace to w as
// one line of compact JSON (JSON Lines).
func WithDocumentOutput(w io.Writer) Option {
	return func(c *config) { c.docOut = w }
}

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option {
	return func(c *config) { c.getenv = f }
}

// withClock replaces time.Now, for tests.
func withClock(now func() time.Time) Option {
	return func(c *config) { c.now = now }
}
