package main

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"net"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/xraylocal"
)

// syncBuffer is written by the daemon's goroutines and read by the test.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func noEnv(string) string { return "" }

const doc = `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","id":"a000000000000001","start_time":1700000000,"end_time":1700000000.25}`

// runDaemon runs the command with args until the test is done with it; it
// returns the server, the outputs and a stop function returning run's error.
func runDaemon(t *testing.T, args []string, getenv func(string) string) (*xraylocal.Server, *syncBuffer, *syncBuffer, func() error) {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	var stdout, stderr syncBuffer
	ready := make(chan *xraylocal.Server, 1)
	done := make(chan error, 1)
	go func() { done <- run(ctx, args, &stdout, &stderr, getenv, func(s *xraylocal.Server) { ready <- s }) }()
	select {
	case srv := <-ready:
		var once sync.Once
		var runErr error
		stop := func() error {
			once.Do(func() { cancel(); runErr = <-done })
			return runErr
		}
		t.Cleanup(func() { _ = stop() })
		return srv, &stdout, &stderr, stop
	case err := <-done:
		cancel()
		t.Fatalf("run: %v\n%s", err, stderr.String())
	case <-time.After(10 * time.Second):
		t.Fatal("run did not start")
	}
	return nil, nil, nil, nil
}

func send(t *testing.T, addr string, datagrams ...string) {
	t.Helper()
	c, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, d := range datagrams {
		if _, err := c.Write([]byte(d)); err != nil {
			t.Fatal(err)
		}
	}
}

func TestRun(t *testing.T) {
	target, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	out := filepath.Join(t.TempDir(), "docs.jsonl")
	srv, stdout, stderr, stop := runDaemon(t, []string{"-listen", "127.0.0.1:0", "-http", "127.0.0.1:0", "-out", out,
		"-settle", "1ms", "-forward", "udp:" + target.LocalAddr().String()}, noEnv)
	if srv.URL() == "" {
		t.Fatal("no UI")
	}
	send(t, srv.UDPAddr(), wire.Header+doc, "no header")
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Completed >= 1 && st.Datagrams >= 2 }); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if got, want := stdout.String(), "trace 1-5759e988-bd862e3fe1be46a994272793  web  250ms  1 span\n└─ web  250ms  segment\n\n"; got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
	errText := stderr.String()
	for _, want := range []string{
		"xraylocal: listening on udp 127.0.0.1:",
		"(from -listen)",
		"xraylocal: service map, traces and problems at http://127.0.0.1:",
		"xraylocal: forwarding every datagram to udp:127.0.0.1:",
		"! datagram has no header line; it must start with `{\"format\":\"json\",\"version\":1}`",
		"[header] (from 127.0.0.1:",
		"xraylocal: 2 datagrams, 1 documents accepted, 1 discarded, 0 rejected, 1 invalid, 1 problems, 1 traces completed, 0 evicted, 2 forwarded (0 errors)\n",
	} {
		if !strings.Contains(errText, want) {
			t.Errorf("stderr lacks %q:\n%s", want, errText)
		}
	}
	b, err := os.ReadFile(out)
	if err != nil || string(b) != doc+"\n" {
		t.Errorf("-out file: %q %v", b, err)
	}
	buf := make([]byte, 65536)
	_ = target.SetReadDeadline(time.Now().Add(5 * time.Second))
	if n, err := target.Read(buf); err != nil || string(buf[:n]) != wire.Header+doc {
		t.Errorf("forwarded %q %v", buf[:n], err)
	}
}

func TestRunQuietAndEnv(t *testing.T) {
	env := func(k string) string {
		if k == "AWS_XRAY_DAEMON_ADDRESS" {
			return "tcp:127.0.0.1:2000 udp:127.0.0.1:0"
		}
		return ""
	}
	srv, stdout, stderr, stop := runDaemon(t, []string{"-quiet", "-http", "off", "-settle", "1ms"}, env)
	if srv.URL() != "" {
		t.Error("-http off still serves")
	}
	send(t, srv.UDPAddr(), wire.Header+doc)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := srv.WaitFor(ctx, func(st xraylocal.Stats) bool { return st.Completed >= 1 }); err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if stdout.String() != "" {
		t.Errorf("-quiet printed:\n%s", stdout.String())
	}
	if !strings.Contains(stderr.String(), "(from AWS_XRAY_DAEMON_ADDRESS)") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}

func TestRunErrors(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-nope"}, "flag provided but not defined"},
		{[]string{"-listen", "127.0.0.1:0", "extra"}, `unexpected argument "extra"`},
		{[]string{"-listen", "nowhere"}, "invalid listen address"},
		{[]string{"-listen", "127.0.0.1:0", "-max-traces", "0"}, "must be at least 1"},
		{[]string{"-listen", "127.0.0.1:0", "-http", "off", "-forward", "tcp:127.0.0.1:1"}, "the daemon protocol is UDP"},
		{[]string{"-listen", "127.0.0.1:0", "-out", dir}, "-out:"},
	} {
		var stderr bytes.Buffer
		err := run(context.Background(), c.args, &bytes.Buffer{}, &stderr, noEnv, nil)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%q: err %v, want %q", c.args, err, c.want)
		}
	}
	var stderr bytes.Buffer
	if err := run(context.Background(), []string{"-help"}, &bytes.Buffer{}, &stderr, noEnv, nil); !errors.Is(err, flag.ErrHelp) ||
		!strings.Contains(stderr.String(), "-forward udp:HOST:PORT") {
		t.Errorf("-help: %v\n%s", err, stderr.String())
	}
}
