package dogstatsd

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strings"
	"sync"
	"testing"
	"time"
)

// listen is a DogStatsD stand-in: a real UDP socket.
func listen(t *testing.T) *net.UDPConn {
	t.Helper()
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

// receive reads n datagrams.
func receive(t *testing.T, c *net.UDPConn, n int) [][]byte {
	t.Helper()
	var out [][]byte
	buf := make([]byte, 65536)
	for range n {
		_ = c.SetReadDeadline(time.Now().Add(10 * time.Second))
		k, err := c.Read(buf)
		if err != nil {
			t.Fatalf("after %d datagrams: %v", len(out), err)
		}
		out = append(out, append([]byte(nil), buf[:k]...))
	}
	return out
}

func newClient(t *testing.T, addr string, o Options) *Client {
	t.Helper()
	c, err := New(addr, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func TestBufferPacks(t *testing.T) {
	srv := listen(t)
	c := newClient(t, srv.LocalAddr().String(), Options{MaxDatagram: 100, Tags: []string{"env:prod", "bad|tag"}})
	b := c.Buffer()
	for i := range 10 {
		// "item.N:1|d|#i:N,env:prod,bad_tag" is 33 bytes: 3 to a datagram of 100.
		if err := b.Add(Metric{Name: fmt.Sprintf("item.%d", i), Value: 1, Type: Distribution, Tags: []string{fmt.Sprintf("i:%d", i)}}); err != nil {
			t.Fatal(err)
		}
	}
	if b.Len() != 10 {
		t.Errorf("Len = %d", b.Len())
	}
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	ds := receive(t, srv, 4)
	var got []Metric
	for _, d := range ds {
		if len(d) > 100 || d[len(d)-1] == '\n' || d[0] == '\n' {
			t.Errorf("datagram of %d bytes: %q", len(d), d)
		}
		ms, err := Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, ms...)
	}
	if len(got) != 10 {
		t.Fatalf("%d metrics in %d datagrams", len(got), len(ds))
	}
	for i, m := range got {
		want := Metric{Name: fmt.Sprintf("item.%d", i), Value: 1, Type: Distribution, Tags: []string{fmt.Sprintf("i:%d", i), "env:prod", "bad_tag"}}
		if !equal(m, want) {
			t.Errorf("metric %d = %+v, want %+v", i, m, want)
		}
	}
	if st := c.Stats(); st.Sent != 10 || st.Datagrams != 4 || st.Dropped != (DroppedStats{}) {
		t.Errorf("stats = %+v", st)
	}
	// Flushed: a late metric is dropped and counted.
	if err := b.Add(Metric{Name: "late", Value: 1, Type: Count}); !errors.Is(err, ErrFlushed) {
		t.Errorf("late Add = %v", err)
	}
	if st := c.Stats(); st.Dropped.Late != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestBufferBounds(t *testing.T) {
	srv := listen(t)
	c := newClient(t, srv.LocalAddr().String(), Options{MaxDatagram: 64, MaxBuffered: 200})
	b := c.Buffer()
	if err := b.Add(Metric{Name: "huge", Value: 1, Type: Count, Tags: []string{strings.Repeat("t", 100)}}); err == nil {
		t.Error("a line longer than a datagram was accepted")
	}
	if err := b.Add(Metric{Name: "nan", Value: 0, Type: "s"}); err == nil {
		t.Error("a set was accepted")
	}
	n := 0
	for range 100 {
		if b.Add(Metric{Name: "fill.up", Value: 12345, Type: Gauge}) == nil {
			n++
		}
	}
	if n != 200/len("fill.up:12345|g\n") {
		t.Errorf("%d metrics fit in 200 bytes", n)
	}
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	if st.Sent != uint64(n) || st.Dropped.TooLarge != 1 || st.Dropped.Invalid != 1 || st.Dropped.Full != uint64(100-n) {
		t.Errorf("stats = %+v", st)
	}
	total := 0
	for _, d := range receive(t, srv, int(st.Datagrams)) {
		ms, err := Parse(d)
		if err != nil || len(d) > 64 {
			t.Errorf("%q: %v", d, err)
		}
		total += len(ms)
	}
	if total != n {
		t.Errorf("received %d of %d", total, n)
	}
}

// TestDeadPort writes to a port where nothing listens: no error, the
// refusals counted.
func TestDeadPort(t *testing.T) {
	srv := listen(t)
	addr := srv.LocalAddr().String()
	srv.Close()
	c := newClient(t, addr, Options{})
	for range 5 {
		b := c.Buffer()
		_ = b.Add(Metric{Name: "x", Value: 1, Type: Count})
		if err := b.Flush(context.Background()); err != nil {
			t.Fatalf("flush to a dead port: %v", err)
		}
	}
	st := c.Stats()
	if st.Dropped.Refused == 0 || st.Dropped.Refused+st.Sent != 5 {
		t.Errorf("stats = %+v, want refusals counted", st)
	}
}

func TestBufferConcurrent(t *testing.T) {
	srv := listen(t)
	c := newClient(t, srv.LocalAddr().String(), Options{})
	b := c.Buffer()
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Go(func() {
			for i := range 50 {
				_ = b.Add(Metric{Name: "c", Value: float64(g*100 + i), Type: Count})
			}
		})
	}
	wg.Wait()
	if err := b.Flush(context.Background()); err != nil {
		t.Fatal(err)
	}
	st := c.Stats()
	seen := map[float64]bool{}
	for _, d := range receive(t, srv, int(st.Datagrams)) {
		ms, err := Parse(d)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			seen[m.Value] = true
		}
	}
	if len(seen) != 400 || st.Sent != 400 {
		t.Errorf("%d distinct values, stats %+v", len(seen), st)
	}
}

func TestNewErrors(t *testing.T) {
	for _, addr := range []string{"", "nohost", "127.0.0.1:notaport", "[::1"} {
		if c, err := New(addr, Options{}); err == nil {
			c.Close()
			t.Errorf("New(%q) did not fail", addr)
		}
	}
}

// TestTagCache: cached tags are sanitized as SanitizeTag does, and the
// cache stays bounded.
func TestTagCache(t *testing.T) {
	srv := listen(t)
	c := newClient(t, srv.LocalAddr().String(), Options{})
	for range 2 {
		for _, tag := range []string{"a|b", "password:x", "ok:1", "caf\xff"} {
			if got := c.tag(tag); got != SanitizeTag(tag) {
				t.Errorf("tag(%q) = %q, want %q", tag, got, SanitizeTag(tag))
			}
		}
	}
	for i := range 1000 {
		c.tag(fmt.Sprintf("k:%d", i))
	}
	c.tag(strings.Repeat("x", MaxTagLen+1))
	n := 0
	c.tags.Range(func(any, any) bool { n++; return true })
	if n > tagCacheSize || int(c.tagCount.Load()) != n {
		t.Errorf("%d tags cached (count %d), bound %d", n, c.tagCount.Load(), tagCacheSize)
	}
}
