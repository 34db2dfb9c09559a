package xraylocal

import (
	"bufio"
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/wire"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata")

// t0 is the fake clock's start.
var t0 = time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)

// fakeClock is a settable clock for the completion logic.
type fakeClock struct{ now time.Time }

func (c *fakeClock) Now() time.Time          { return c.now }
func (c *fakeClock) advance(d time.Duration) { c.now = c.now.Add(d) }

// newTestServer returns a server without sockets, on a fake clock, with no
// environment.
func newTestServer(t testing.TB, opts ...Option) (*Server, *fakeClock) {
	t.Helper()
	clk := &fakeClock{now: t0}
	base := []Option{withGetenv(func(string) string { return "" }), withClock(clk.Now)}
	return newServer(newConfig(append(base, opts...))), clk
}

// dg returns doc as a datagram.
func dg(doc string) []byte { return []byte(wire.Header + doc) }

// readLines returns the non-empty lines of a testdata file.
func readLines(t testing.TB, name string) []string {
	t.Helper()
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		if line := bytes.TrimSpace(sc.Bytes()); len(line) > 0 {
			out = append(out, string(line))
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}

// golden compares got with testdata/name, or rewrites it with -update.
func golden(t testing.TB, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("output differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

// receiveAll feeds documents to s as datagrams, in order.
func receiveAll(s *Server, docs []string) {
	for _, d := range docs {
		s.Receive(dg(d))
	}
}
