package fakedaemon

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net"
	"sync"
	"testing"
	"time"

	"github.com/otelxray/otelxray/segment/validate"
)

// Datagram is one datagram as received.
type Datagram struct {
	// Raw is the whole datagram.
	Raw []byte
	// Header is the text before the first newline; Body the text after it.
	Header, Body []byte
	// Doc is the decoded document (numbers as json.Number), nil if Body is
	// not a JSON object.
	Doc map[string]any
	// Invalid is the validation error, nil for a valid datagram.
	Invalid error
}

// Daemon receives datagrams until the test ends.
type Daemon struct {
	conn *net.UDPConn
	mu   sync.Mutex
	raw  [][]byte   // as read; parsed lazily so the read loop stays fast
	got  []Datagram // raw[:len(got)], parsed
	cond *sync.Cond
	done chan struct{}
}

// Option configures a Daemon.
type Option func(*net.UDPConn)

// WithReadBuffer sets the socket's receive buffer; by default the system
// default is kept, as the real daemon does.
func WithReadBuffer(n int) Option {
	return func(c *net.UDPConn) { _ = c.SetReadBuffer(n) }
}

// Start listens on 127.0.0.1 on a random port and stops when t ends.
func Start(t testing.TB, opts ...Option) *Daemon {
	t.Helper()
	conn, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatalf("fakedaemon: listen: %v", err)
	}
	for _, o := range opts {
		o(conn)
	}
	d := &Daemon{conn: conn, done: make(chan struct{})}
	d.cond = sync.NewCond(&d.mu)
	go d.loop()
	t.Cleanup(d.Close)
	return d
}

// Addr is the daemon's address, for xrayudp.WithEndpoint.
func (d *Daemon) Addr() string { return d.conn.LocalAddr().String() }

// Close stops the daemon.
func (d *Daemon) Close() {
	_ = d.conn.Close()
	<-d.done
}

func (d *Daemon) loop() {
	defer close(d.done)
	buf := make([]byte, 65536)
	for {
		n, err := d.conn.Read(buf)
		if err != nil {
			d.mu.Lock()
			d.cond.Broadcast()
			d.mu.Unlock()
			return
		}
		raw := bytes.Clone(buf[:n])
		d.mu.Lock()
		d.raw = append(d.raw, raw)
		d.cond.Broadcast()
		d.mu.Unlock()
	}
}

// Parse splits and checks one datagram the way the daemon and X-Ray would.
func Parse(raw []byte) Datagram {
	g := Datagram{Raw: raw, Invalid: validate.Datagram(raw)}
	if h, body, ok := bytes.Cut(raw, []byte("\n")); ok {
		g.Header, g.Body = h, body
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		var doc map[string]any
		if dec.Decode(&doc) == nil {
			g.Doc = doc
		}
	}
	return g
}

// Datagrams returns what has arrived so far.
func (d *Daemon) Datagrams() []Datagram {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.parsedLocked()
}

// parsedLocked parses the datagrams not parsed yet and returns a copy of all.
func (d *Daemon) parsedLocked() []Datagram {
	for len(d.got) < len(d.raw) {
		d.got = append(d.got, Parse(d.raw[len(d.got)]))
	}
	return append([]Datagram(nil), d.got...)
}

// Wait returns once at least n datagrams have arrived, or fails t after timeout.
func (d *Daemon) Wait(t testing.TB, n int, timeout time.Duration) []Datagram {
	t.Helper()
	if got, ok := d.WaitFor(n, timeout); ok {
		return got
	} else {
		t.Fatalf("fakedaemon: %d of %d datagrams after %v", len(got), n, timeout)
		return nil
	}
}

// WaitFor waits up to timeout for n datagrams and returns what arrived.
func (d *Daemon) WaitFor(n int, timeout time.Duration) ([]Datagram, bool) {
	expired := false
	timer := time.AfterFunc(timeout, func() {
		d.mu.Lock()
		expired = true // under the lock, so the waiter cannot miss it
		d.cond.Broadcast()
		d.mu.Unlock()
	})
	defer timer.Stop()
	d.mu.Lock()
	defer d.mu.Unlock()
	for len(d.raw) < n && !expired {
		select {
		case <-d.done:
			return d.parsedLocked(), false
		default:
		}
		d.cond.Wait()
	}
	return d.parsedLocked(), len(d.raw) >= n
}

// Quiet waits until no datagram has arrived for the given time and returns
// everything received.
func (d *Daemon) Quiet(quiet time.Duration) []Datagram {
	last := -1
	for {
		time.Sleep(quiet)
		d.mu.Lock()
		n := len(d.raw)
		d.mu.Unlock()
		if n == last {
			return d.Datagrams()
		}
		last = n
	}
}

// Documents returns every document received, with nested subsegments
// flattened in: each span's document once, keyed by id.
func Documents(gs []Datagram) (map[string]map[string]any, error) {
	out := map[string]map[string]any{}
	var walk func(doc map[string]any) error
	walk = func(doc map[string]any) error {
		id, _ := doc["id"].(string)
		if _, dup := out[id]; dup {
			return fmt.Errorf("fakedaemon: id %s received twice", id)
		}
		out[id] = doc
		subs, _ := doc["subsegments"].([]any)
		for _, s := range subs {
			m, ok := s.(map[string]any)
			if !ok {
				return fmt.Errorf("fakedaemon: a subsegment of %s is not an object", id)
			}
			if err := walk(m); err != nil {
				return err
			}
		}
		return nil
	}
	for _, g := range gs {
		if g.Doc == nil {
			return nil, fmt.Errorf("fakedaemon: datagram is not a document: %.200q", g.Raw)
		}
		if err := walk(g.Doc); err != nil {
			return nil, err
		}
	}
	return out, nil
}
