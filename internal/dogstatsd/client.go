package dogstatsd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"time"
)

// Defaults of Options.
const (
	// DefaultMaxDatagram is the largest datagram written: what the Datadog
	// Lambda Extension reads by default (DD_DOGSTATSD_BUFFER_SIZE).
	DefaultMaxDatagram = 8192
	// DefaultMaxBuffered bounds the encoded metrics one Buffer holds.
	DefaultMaxBuffered = 256 << 10
	// DefaultWriteTimeout bounds each Flush.
	DefaultWriteTimeout = 20 * time.Millisecond
)

// Options configure a Client. Zero values are the defaults.
type Options struct {
	MaxDatagram  int
	MaxBuffered  int
	WriteTimeout time.Duration
	// Tags are added to every metric, after its own.
	Tags []string
}

// Client writes buffered metrics to one DogStatsD address. It is safe for
// concurrent use.
type Client struct {
	conn     *net.UDPConn
	max      int
	buffered int
	timeout  time.Duration
	extra    string // Options.Tags, sanitized, comma-separated
	stats    counters
	// tags caches SanitizeTag for the tags seen first, which repeat from
	// one invocation to the next (the enhanced metrics', a handler's).
	tags     sync.Map // string -> string
	tagCount atomic.Int32
}

// Bounds of the tag cache: entries, and the length of a tag it keeps.
const (
	tagCacheSize = 256
	tagCacheLen  = MaxTagLen
)

// tag is SanitizeTag, cached.
func (c *Client) tag(t string) string {
	if v, ok := c.tags.Load(t); ok {
		return v.(string)
	}
	s := SanitizeTag(t)
	if len(t) <= tagCacheLen && c.tagCount.Load() < tagCacheSize {
		if _, loaded := c.tags.LoadOrStore(t, s); !loaded {
			c.tagCount.Add(1)
		}
	}
	return s
}

type counters struct {
	sent, datagrams, invalid, full, tooLarge, late, refused, failed atomic.Uint64
}

// Stats counts what a Client sent and what it dropped.
type Stats struct {
	// Sent is the metrics written, in Datagrams datagrams.
	Sent, Datagrams uint64
	// Dropped counts metrics not sent, by reason.
	Dropped DroppedStats
}

// DroppedStats counts metrics not sent.
type DroppedStats struct {
	// Invalid: refused by Sanitize (bad name, value, type or timestamp).
	Invalid uint64
	// Full: the buffer held MaxBuffered bytes already.
	Full uint64
	// TooLarge: one metric's line is longer than MaxDatagram.
	TooLarge uint64
	// Late: added to a buffer already flushed.
	Late uint64
	// Refused: nothing listened at the address (ECONNREFUSED).
	Refused uint64
	// Failed: any other write error, or the write deadline passed.
	Failed uint64
}

// New connects a UDP socket to addr (host:port). Nothing is sent until a
// Buffer is flushed; a port where nothing listens is no error.
func New(addr string, o Options) (*Client, error) {
	if o.MaxDatagram <= 0 {
		o.MaxDatagram = DefaultMaxDatagram
	}
	if o.MaxBuffered <= 0 {
		o.MaxBuffered = DefaultMaxBuffered
	}
	if o.WriteTimeout <= 0 {
		o.WriteTimeout = DefaultWriteTimeout
	}
	if _, port, err := net.SplitHostPort(addr); err != nil || checkPort(port) != nil {
		return nil, fmt.Errorf("dogstatsd: %q is not host:port (set %s=udp://host:port, or %s and %s)", cut(addr, 80), EnvURL, EnvHost, EnvPort)
	}
	raddr, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return nil, fmt.Errorf("dogstatsd: cannot resolve %q (set %s=udp://host:port, or %s and %s): %w", addr, EnvURL, EnvHost, EnvPort, err)
	}
	conn, err := net.DialUDP("udp", nil, raddr)
	if err != nil {
		return nil, fmt.Errorf("dogstatsd: cannot open a UDP socket to %s: %w", addr, err)
	}
	c := &Client{conn: conn, max: o.MaxDatagram, buffered: o.MaxBuffered, timeout: o.WriteTimeout}
	var tags []string
	for _, t := range o.Tags {
		if s := SanitizeTag(t); s != "" {
			tags = append(tags, s)
		}
	}
	c.extra = strings.Join(tags, ",")
	return c, nil
}

// Addr is the address the client writes to.
func (c *Client) Addr() string { return c.conn.RemoteAddr().String() }

// Close closes the socket.
func (c *Client) Close() error { return c.conn.Close() }

// Stats returns the counts so far.
func (c *Client) Stats() Stats {
	s := &c.stats
	return Stats{Sent: s.sent.Load(), Datagrams: s.datagrams.Load(), Dropped: DroppedStats{
		Invalid: s.invalid.Load(), Full: s.full.Load(), TooLarge: s.tooLarge.Load(),
		Late: s.late.Load(), Refused: s.refused.Load(), Failed: s.failed.Load()}}
}

// write sends one datagram of n metrics, counting the outcome.
func (c *Client) write(p []byte, n int) error {
	_, err := c.conn.Write(p)
	switch {
	case err == nil:
		c.stats.sent.Add(uint64(n))
		c.stats.datagrams.Add(1)
		return nil
	case errors.Is(err, syscall.ECONNREFUSED):
		c.stats.refused.Add(uint64(n))
		return nil
	}
	c.stats.failed.Add(uint64(n))
	return fmt.Errorf("dogstatsd: writing to %s: %w", c.Addr(), err)
}

// deadline sets the write deadline of a flush: WriteTimeout from now, or
// ctx's deadline if sooner.
func (c *Client) deadline(ctx context.Context) {
	d := time.Now().Add(c.timeout)
	if cd, ok := ctx.Deadline(); ok && cd.Before(d) {
		d = cd
	}
	_ = c.conn.SetWriteDeadline(d)
}
