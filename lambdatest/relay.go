package lambdatest

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"sync"
	"time"
)

// relay owns a UDP socket (the X-Ray daemon's, or DogStatsD's) and hands
// every datagram to deliver (xraylocal's or ddlocal's) in the order the
// socket delivers them, so that a marker datagram sent after an invocation
// (sync) tells when everything the function wrote before it has been
// processed.
type relay struct {
	conn    *net.UDPConn
	send    *net.UDPConn
	deliver func([]byte)
	token   []byte
	done    chan struct{}
	mu      sync.Mutex
	seq     uint64
	waits   map[uint64]chan struct{}
	closed  bool
}

func startRelay(deliver func([]byte)) (*relay, error) {
	conn, err := net.ListenUDP("udp", localAddr)
	if err != nil {
		return nil, fmt.Errorf("listening on UDP 127.0.0.1: %w", err)
	}
	send, err := net.DialUDP("udp", nil, conn.LocalAddr().(*net.UDPAddr))
	if err != nil {
		_ = conn.Close()
		return nil, fmt.Errorf("opening the marker socket: %w", err)
	}
	tok := make([]byte, 8)
	_, _ = rand.Read(tok)
	r := &relay{conn: conn, send: send, deliver: deliver, done: make(chan struct{}), waits: map[uint64]chan struct{}{},
		token: []byte("lambdatest-sync " + hex.EncodeToString(tok) + " ")}
	go r.loop()
	return r, nil
}

func (r *relay) addr() string { return r.conn.LocalAddr().String() }

func (r *relay) loop() {
	defer close(r.done)
	buf := make([]byte, 65536)
	for {
		n, err := r.conn.Read(buf)
		if err != nil {
			if errors.Is(err, net.ErrClosed) {
				return
			}
			continue
		}
		b := buf[:n]
		if rest, ok := bytes.CutPrefix(b, r.token); ok {
			var seq uint64
			_, _ = fmt.Sscan(string(rest), &seq)
			r.mu.Lock()
			if ch := r.waits[seq]; ch != nil {
				close(ch)
				delete(r.waits, seq)
			}
			r.mu.Unlock()
			continue
		}
		r.deliver(b)
	}
}

// sync waits until every datagram the socket received before a marker sent
// now has been handed to xraylocal.
func (r *relay) sync(timeout time.Duration) error {
	r.mu.Lock()
	if r.closed {
		r.mu.Unlock()
		return errors.New("the harness is closed")
	}
	r.seq++
	seq, ch := r.seq, make(chan struct{})
	r.waits[seq] = ch
	r.mu.Unlock()
	if _, err := r.send.Write(fmt.Appendf(append([]byte(nil), r.token...), "%d", seq)); err != nil {
		return fmt.Errorf("sending the marker datagram: %w", err)
	}
	select {
	case <-ch:
		return nil
	case <-time.After(timeout):
		return fmt.Errorf("the marker datagram did not come back within %v (is the machine overloaded?)", timeout)
	}
}

func (r *relay) close() {
	r.mu.Lock()
	r.closed = true
	r.mu.Unlock()
	_ = r.send.Close()
	_ = r.conn.Close()
	<-r.done
}
