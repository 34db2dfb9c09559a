package xrayudp

import (
	"os"
	"time"
)

// Option configures an Exporter.
type Option func(*config)

type config struct {
	endpoint     string
	endpointFrom string
	lambda       *bool
	indexed      []string
	indexAll     bool
	writeTimeout time.Duration
	paceBytes    int
	pause        time.Duration
	getenv       func(string) string
	format       *Format
	formatErr    error
	unsampled    bool
}

func newConfig(opts []Option) config {
	c := config{
		writeTimeout: DefaultWriteTimeout,
		paceBytes:    DefaultPaceBytes,
		pause:        DefaultPacePause,
		getenv:       os.Getenv,
	}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	c.fromEnv(c.getenv)
	return c
}

// Defaults of the transport options.
const (
	// DefaultWriteTimeout bounds each write's wait for socket buffer space.
	DefaultWriteTimeout = 100 * time.Millisecond
	// DefaultPaceBytes is how much a flush writes before it pauses for the
	// receiver: about half the default Linux receive buffer (212,992 bytes),
	// counting the kernel's per-datagram overhead.
	DefaultPaceBytes = 96 << 10
	// DefaultPacePause is the pause between paced windows of a large flush.
	DefaultPacePause = time.Millisecond
)

// WithEndpoint sets the daemon address, overriding AWS_XRAY_DAEMON_ADDRESS.
// It takes either form of that variable: "host:port", or
// "udp:host:port tcp:host:port". The default is 127.0.0.1:2000.
func WithEndpoint(addr string) Option {
	return func(c *config) {
		c.endpoint = addr
		c.endpointFrom = "WithEndpoint"
	}
}

// WithLambda turns Lambda mode on or off. It is on by default when
// AWS_LAMBDA_FUNCTION_NAME is set. In Lambda mode every span is a
// subsegment, spans whose parent is remote are sent as independent
// subsegments of it, and spans without a parent are dropped.
func WithLambda(on bool) Option {
	return func(c *config) { c.lambda = &on }
}

// WithIndexedAttributes names span attributes that become annotations
// (indexed and searchable in X-Ray) rather than metadata. Keys are sanitized
// to [A-Za-z0-9_] in the document. A span can add its own with the
// aws.xray.annotations attribute (a string slice of keys).
func WithIndexedAttributes(keys ...string) Option {
	return func(c *config) { c.indexed = append(c.indexed, keys...) }
}

// WithIndexAllAttributes makes every attribute that no document field
// consumes an annotation, up to 50 per document (X-Ray indexes 50 per trace).
func WithIndexAllAttributes() Option {
	return func(c *config) { c.indexAll = true }
}

// WithWriteTimeout bounds how long one write may wait for room in the
// socket's send buffer (at most 9/8 of d: the deadline is moved in steps);
// when a write waits longer, it and the rest of the batch are dropped and
// counted in Stats.Dropped.SocketFull. A flush of many datagrams may take
// longer than d in all. It also bounds each pause for a receiver that falls
// behind (see [WithPacing]). The default is 100ms.
func WithWriteTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.writeTimeout = d
		}
	}
}

// WithPacing sets how a large flush is paced so that a daemon sharing the CPU
// can drain its receive buffer: after every window of about bytes (counting
// the kernel's per-datagram overhead) the flush pauses. When the daemon is a
// socket on this host (Linux: the daemon in Lambda, xraylocal), the pause
// lasts until the daemon's receive queue has room for another window,
// looking every pause, for at most the write timeout; elsewhere it is one
// pause. bytes <= 0 turns pacing off. The default is 96 KiB and 1ms; a
// flush that fits in one window never pauses.
func WithPacing(bytes int, pause time.Duration) Option {
	return func(c *config) {
		c.paceBytes = bytes
		c.pause = pause
	}
}

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option {
	return func(c *config) { c.getenv = f }
}
