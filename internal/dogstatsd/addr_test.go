package dogstatsd

import (
	"strings"
	"testing"
)

func TestAddress(t *testing.T) {
	for _, tc := range []struct {
		env  map[string]string
		want string
		err  string
	}{
		{nil, DefaultAddr, ""},
		{map[string]string{EnvURL: "udp://10.0.0.1:9125"}, "10.0.0.1:9125", ""},
		{map[string]string{EnvURL: "udp://agent"}, "agent:8125", ""},
		{map[string]string{EnvURL: "udp://[::1]:8125"}, "[::1]:8125", ""},
		{map[string]string{EnvURL: "udp://10.0.0.1:9125", EnvHost: "other"}, "10.0.0.1:9125", ""},
		{map[string]string{EnvURL: "unix:///var/run/datadog/dsd.socket"}, DefaultAddr, "unix socket"},
		{map[string]string{EnvURL: "http://agent:8125"}, DefaultAddr, "want udp://host:port"},
		{map[string]string{EnvURL: "udp://:8125"}, DefaultAddr, "no host"},
		{map[string]string{EnvURL: "udp://h:0"}, DefaultAddr, "port"},
		{map[string]string{EnvURL: "::"}, DefaultAddr, "not a URL"},
		{map[string]string{EnvHost: "agent"}, "agent:8125", ""},
		{map[string]string{EnvPort: "9125"}, "127.0.0.1:9125", ""},
		{map[string]string{EnvHost: "::1", EnvPort: "9125"}, "[::1]:9125", ""},
		{map[string]string{EnvHost: "agent", EnvPort: "x"}, DefaultAddr, EnvPort},
	} {
		got, err := Address(func(k string) string { return tc.env[k] })
		if got != tc.want || (err == nil) != (tc.err == "") || (err != nil && !strings.Contains(err.Error(), tc.err)) {
			t.Errorf("Address(%v) = %q, %v; want %q, error containing %q", tc.env, got, err, tc.want, tc.err)
		}
	}
}
