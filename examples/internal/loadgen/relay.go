package loadgen

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"sync"
	"sync/atomic"
)

// Relay forwards UDP datagrams to the X-Ray daemon (xraylocal) and counts
// them and the spans in them: what left the functions' exporters, as seen
// before the daemon, so that a loss can be placed. Create one with
// StartRelay.
type Relay struct {
	in, out   *net.UDPConn
	datagrams atomic.Uint64
	spans     atomic.Uint64
	errs      atomic.Uint64
	done      chan struct{}
	once      sync.Once
}

// RelayStats counts what a Relay forwarded.
type RelayStats struct {
	// Datagrams and Spans (documents and the subsegments nested in them)
	// received; ForwardErrors the datagrams it could not write on.
	Datagrams, Spans, ForwardErrors uint64
}

// StartRelay relays datagrams from a free port of 127.0.0.1 to daemon,
// which must be a loopback address.
func StartRelay(daemon string) (*Relay, error) {
	if err := Loopback(daemon); err != nil {
		return nil, err
	}
	to, err := net.ResolveUDPAddr("udp", daemon)
	if err != nil {
		return nil, fmt.Errorf("loadgen: relay: %w", err)
	}
	in, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, fmt.Errorf("loadgen: relay: %w", err)
	}
	_ = in.SetReadBuffer(8 << 20) // as large as the system allows: the relay must not be the one losing
	out, err := net.DialUDP("udp", nil, to)
	if err != nil {
		in.Close()
		return nil, fmt.Errorf("loadgen: relay: %w", err)
	}
	r := &Relay{in: in, out: out, done: make(chan struct{})}
	go r.run()
	return r, nil
}

// Addr is the address to send to, for AWS_XRAY_DAEMON_ADDRESS.
func (r *Relay) Addr() string { return r.in.LocalAddr().String() }

// Stats returns the counts so far.
func (r *Relay) Stats() RelayStats {
	return RelayStats{Datagrams: r.datagrams.Load(), Spans: r.spans.Load(), ForwardErrors: r.errs.Load()}
}

// Close stops the relay.
func (r *Relay) Close() error {
	var err error
	r.once.Do(func() {
		err = errors.Join(r.in.Close(), r.out.Close())
		<-r.done
	})
	return err
}

func (r *Relay) run() {
	defer close(r.done)
	buf := make([]byte, 65536)
	for {
		n, err := r.in.Read(buf)
		if err != nil {
			return
		}
		r.datagrams.Add(1)
		r.spans.Add(uint64(countSpans(buf[:n])))
		if _, err := r.out.Write(buf[:n]); err != nil {
			r.errs.Add(1)
		}
	}
}

// countSpans counts the document of a datagram (header, newline, JSON) and
// the subsegments nested in it; 0 for what is not one.
func countSpans(b []byte) int {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return 0
	}
	var doc nested
	if json.Unmarshal(b[i+1:], &doc) != nil {
		return 0
	}
	return doc.count()
}

type nested struct {
	Subsegments []nested `json:"subsegments"`
}

func (n nested) count() int {
	c := 1
	for _, s := range n.Subsegments {
		c += s.count()
	}
	return c
}
