package xrayudp

import (
	"strings"
	"testing"
)

func TestParseAddress(t *testing.T) {
	tests := []struct {
		in, want, err string
	}{
		{"127.0.0.1:2000", "127.0.0.1:2000", ""},
		{" 169.254.79.129:2000 ", "169.254.79.129:2000", ""},
		{"localhost:2000", "localhost:2000", ""},
		{"[::1]:2000", "[::1]:2000", ""},
		{"udp:127.0.0.1:2000 tcp:127.0.0.1:2001", "127.0.0.1:2000", ""},
		{"tcp:127.0.0.1:2001 udp:10.0.0.1:3000", "10.0.0.1:3000", ""},
		{"udp:127.0.0.1:2000", "127.0.0.1:2000", ""},
		{"", "", "empty"},
		{"127.0.0.1", "", "missing port"},
		{"127.0.0.1:0", "", "port"},
		{"127.0.0.1:70000", "", "port"},
		{"127.0.0.1:x", "", "port"},
		{":2000", "", "host is empty"},
		{"tcp:127.0.0.1:2001", "", "no udp"},
		{"udp:a:1 udp:b:2", "", "twice"},
		{"http://127.0.0.1:2000", "", ""},
		{"udp:127.0.0.1:2000 tcp:nope", "", "missing port"},
		{"a:1 b:2 c:3", "", "too many"},
		{"udp:tcp:1", "", "ambiguous"},
		{"udp:udp:1 tcp:a:2", "", "ambiguous"},
		{"tcp:1", "", "missing port"},
	}
	for _, tc := range tests {
		got, err := parseAddress(tc.in)
		if tc.want != "" {
			if err != nil || got != tc.want {
				t.Errorf("parseAddress(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
			}
			continue
		}
		if err == nil {
			t.Errorf("parseAddress(%q) = %q, want an error", tc.in, got)
			continue
		}
		if !strings.Contains(err.Error(), tc.err) || !strings.Contains(err.Error(), "want host:port") {
			t.Errorf("parseAddress(%q) error %q should mention %q and the expected form", tc.in, err, tc.err)
		}
	}
}

func FuzzParseAddress(f *testing.F) {
	for _, s := range []string{"127.0.0.1:2000", "udp:127.0.0.1:2000 tcp:127.0.0.1:2001", "[::1]:1", "udp: tcp:", ":", "\xff:1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		hp, err := parseAddress(s)
		if err != nil {
			return
		}
		// A parsed address must be a host:port that parses again to itself.
		again, err := parseAddress(hp)
		if err != nil || again != hp {
			t.Fatalf("parseAddress(%q) = %q, which reparses as %q, %v", s, hp, again, err)
		}
	})
}

func TestConfigFromEnvironment(t *testing.T) {
	env := map[string]string{}
	getenv := func(k string) string { return env[k] }
	tests := []struct {
		name     string
		env      map[string]string
		opts     []Option
		endpoint string
		lambda   bool
	}{
		{"defaults", nil, nil, DefaultEndpoint, false},
		{"env address, plain form", map[string]string{EnvDaemonAddress: "10.0.0.1:2000"}, nil, "10.0.0.1:2000", false},
		{"env address, pair form", map[string]string{EnvDaemonAddress: "tcp:10.0.0.1:2000 udp:10.0.0.2:2000"}, nil, "tcp:10.0.0.1:2000 udp:10.0.0.2:2000", false},
		{"option beats env", map[string]string{EnvDaemonAddress: "10.0.0.1:2000"}, []Option{WithEndpoint("127.0.0.1:3000")}, "127.0.0.1:3000", false},
		{"lambda from env", map[string]string{EnvLambdaFunctionName: "orders"}, nil, DefaultEndpoint, true},
		{"lambda option beats env", map[string]string{EnvLambdaFunctionName: "orders"}, []Option{WithLambda(false)}, DefaultEndpoint, false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			env = tc.env
			c := newConfig(append([]Option{withGetenv(getenv)}, tc.opts...))
			if c.endpoint != tc.endpoint || *c.lambda != tc.lambda {
				t.Errorf("endpoint %q lambda %v; want %q %v", c.endpoint, *c.lambda, tc.endpoint, tc.lambda)
			}
		})
	}
}

func TestNewRejectsBadAddresses(t *testing.T) {
	for _, addr := range []string{"nope", "127.0.0.1:99999", "udp:", "tcp:127.0.0.1:2000"} {
		exp, err := New(WithEndpoint(addr), withGetenv(func(string) string { return "" }))
		if err == nil {
			_ = exp.Shutdown(t.Context())
			t.Errorf("New(WithEndpoint(%q)) succeeded", addr)
			continue
		}
		if !strings.Contains(err.Error(), "WithEndpoint") {
			t.Errorf("error %q does not say where the address came from", err)
		}
	}
	t.Setenv(EnvDaemonAddress, "garbage")
	if _, err := New(); err == nil || !strings.Contains(err.Error(), EnvDaemonAddress) {
		t.Errorf("a bad %s gave %v", EnvDaemonAddress, err)
	}
}
