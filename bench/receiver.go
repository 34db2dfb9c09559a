package bench

import (
	"bytes"
	"encoding/json"
	"net"
	"sync"
	"time"
)

// Receiver is a UDP receiver on loopback that drains and counts.
type Receiver struct {
	conn      *net.UDPConn
	mu        sync.Mutex
	datagrams int
	bytes     int
	raw       [][]byte // kept only when Keep is set
	keep      bool
	done      chan struct{}
}

// NewReceiver listens on 127.0.0.1; readBuffer 0 keeps the system default.
func NewReceiver(readBuffer int, keep bool) (*Receiver, error) {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		return nil, err
	}
	if readBuffer > 0 {
		_ = c.SetReadBuffer(readBuffer)
	}
	r := &Receiver{conn: c, keep: keep, done: make(chan struct{})}
	go r.loop()
	return r, nil
}

// Addr is the receiver's address.
func (r *Receiver) Addr() string { return r.conn.LocalAddr().String() }

func (r *Receiver) loop() {
	defer close(r.done)
	buf := make([]byte, 65536)
	for {
		n, err := r.conn.Read(buf)
		if err != nil {
			return
		}
		r.mu.Lock()
		r.datagrams++
		r.bytes += n
		if r.keep {
			r.raw = append(r.raw, bytes.Clone(buf[:n]))
		}
		r.mu.Unlock()
	}
}

// Counts returns the datagrams and bytes received so far.
func (r *Receiver) Counts() (datagrams, bytes int) {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.datagrams, r.bytes
}

// Settle waits until nothing has arrived for d.
func (r *Receiver) Settle(d time.Duration) {
	last := -1
	for {
		time.Sleep(d)
		n, _ := r.Counts()
		if n == last {
			return
		}
		last = n
	}
}

// Spans counts the (sub)segments in the kept datagrams, nested ones included.
func (r *Receiver) Spans() int {
	r.mu.Lock()
	defer r.mu.Unlock()
	total := 0
	var walk func(m map[string]any)
	walk = func(m map[string]any) {
		total++
		subs, _ := m["subsegments"].([]any)
		for _, s := range subs {
			if sm, ok := s.(map[string]any); ok {
				walk(sm)
			}
		}
	}
	for _, g := range r.raw {
		_, body, _ := bytes.Cut(g, []byte("\n"))
		var m map[string]any
		if json.Unmarshal(body, &m) == nil {
			walk(m)
		}
	}
	return total
}

// Has reports whether a kept datagram's top document has this id.
func (r *Receiver) Has(id string) bool {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, g := range r.raw {
		_, body, _ := bytes.Cut(g, []byte("\n"))
		var m struct {
			ID string `json:"id"`
		}
		if json.Unmarshal(body, &m) == nil && m.ID == id {
			return true
		}
	}
	return false
}

// Close stops the receiver.
func (r *Receiver) Close() {
	r.conn.Close()
	<-r.done
}
