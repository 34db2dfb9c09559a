package main

import (
	"bytes"
	"context"
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
	if got, want := stdout.String(), "trace 1-5759e988-bd862e3fe1be46a994272793  web  250ms long  1 span\n└─ web  250ms long  service\n\n"; got != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", got, want)
	}
	errText := stderr.String()
	for _, want := range []string{
		"xraylocal: listening on udp 127.0.0.1:",
		"(from -listen)",
		xraylocal.TreeLegend,
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
	if !strings.Contains(stderr.String(), "(from AWS_XRAY_DAEMON_ADDRESS)") || strings.Contains(stderr.String(), "How to read") {
		t.Errorf("stderr:\n%s", stderr.String())
	}
}

// TestExitStatus runs the command line as a user would: -h exits 0, usage
// errors 2, failures at run time 1; messages name the flag or the variable
// the user set, and the library's "xraylocal:" prefix appears once.
func TestExitStatus(t *testing.T) {
	dir := t.TempDir()
	busy, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	envListen := func(v string) func(string) string {
		return func(k string) string {
			if k == xraylocal.EnvDaemonAddress {
				return v
			}
			return ""
		}
	}
	for _, c := range []struct {
		name   string
		args   []string
		getenv func(string) string
		code   int
		want   []string // in stderr
	}{
		{"help", []string{"-h"}, noEnv, 0, []string{"Usage: xraylocal [flags]", "-forward udp:HOST:PORT"}},
		{"help long", []string{"-help"}, noEnv, 0, []string{"Usage: xraylocal [flags]"}},
		{"unknown flag", []string{"-nope"}, noEnv, 2, []string{"flag provided but not defined: -nope", "Usage: xraylocal"}},
		{"bad number", []string{"-max-traces", "x"}, noEnv, 2, []string{`invalid value "x" for flag -max-traces`}},
		{"argument", []string{"-listen", "127.0.0.1:0", "extra"}, noEnv, 2, []string{`xraylocal: unexpected argument "extra"`, "xraylocal -h"}},
		{"bad listen", []string{"-listen", "nowhere"}, noEnv, 2, []string{`invalid value "nowhere" for flag -listen`, "missing port"}},
		{"bad -b", []string{"-b", "127.0.0.1:70000"}, noEnv, 2, []string{`for flag -b`, "from 0 to 65535"}},
		{"bad env", nil, envListen("tcp:127.0.0.1:2000"), 2, []string{`xraylocal: AWS_XRAY_DAEMON_ADDRESS="tcp:127.0.0.1:2000"`, "no udp:host:port part"}},
		{"zero", []string{"-listen", "127.0.0.1:0", "-max-traces", "0"}, noEnv, 2, []string{"xraylocal: -max-traces 0: must be at least 1"}},
		{"tcp forward", []string{"-listen", "127.0.0.1:0", "-forward", "tcp:127.0.0.1:1"}, noEnv, 2, []string{"for flag -forward", "the daemon protocol is UDP"}},
		{"bad http", []string{"-http", "nowhere"}, noEnv, 2, []string{`invalid value "nowhere" for flag -http`}},
		{"port in use", []string{"-http", "off", "-listen", busy.LocalAddr().String()}, noEnv, 1, []string{"xraylocal: cannot listen on udp", "(from -listen)", "another daemon"}},
		{"env port in use", []string{"-http", "off"}, envListen(busy.LocalAddr().String()), 1, []string{"(from AWS_XRAY_DAEMON_ADDRESS)"}},
		{"unresolvable", []string{"-http", "off", "-listen", "nowhere.invalid:0"}, noEnv, 1, []string{`cannot resolve listen address "nowhere.invalid:0" (from -listen)`}},
		{"out is a folder", []string{"-http", "off", "-listen", "127.0.0.1:0", "-out", dir}, noEnv, 1, []string{"xraylocal: -out:"}},
	} {
		t.Run(c.name, func(t *testing.T) {
			var stderr bytes.Buffer
			code := cli(context.Background(), c.args, &bytes.Buffer{}, &stderr, c.getenv, nil)
			got := stderr.String()
			if code != c.code {
				t.Errorf("exit %d, want %d\n%s", code, c.code, got)
			}
			for _, w := range c.want {
				if !strings.Contains(got, w) {
					t.Errorf("stderr lacks %q:\n%s", w, got)
				}
			}
			for _, bad := range []string{"xraylocal: xraylocal:", "WithUDPAddr"} {
				if strings.Contains(got, bad) {
					t.Errorf("stderr has %q:\n%s", bad, got)
				}
			}
		})
	}
}

// TestExitStatusRan: a run that is interrupted exits 0.
func TestExitStatusRan(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	var stderr syncBuffer
	code := cli(ctx, []string{"-listen", "127.0.0.1:0", "-http", "off"}, &bytes.Buffer{}, &stderr, noEnv, func(*xraylocal.Server) { cancel() })
	if code != 0 || !strings.Contains(stderr.String(), "xraylocal: 0 datagrams") {
		t.Errorf("exit %d\n%s", code, stderr.String())
	}
}
