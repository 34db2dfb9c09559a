package xraylocal

import (
	"fmt"
	"strings"

	"github.com/otelxray/otelxray/internal/daemonaddr"
)

// Addresses and the environment variable the daemon uses.
const (
	// DefaultUDPAddr is where the X-Ray daemon listens, and so where
	// xraylocal listens unless told otherwise.
	DefaultUDPAddr = "127.0.0.1:2000"
	// DefaultHTTPAddr is where the command serves the web UI and JSON API.
	DefaultHTTPAddr = "127.0.0.1:2001"
	// EnvDaemonAddress is read for the listen address when no option sets
	// it: "host:port", or "udp:host:port tcp:host:port" in either order.
	EnvDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS"
)

// parseDaemonAddress returns the UDP host:port of an address in either form
// of AWS_XRAY_DAEMON_ADDRESS: "host:port", or "udp:host:port tcp:host:port"
// (either order; the tcp part is checked but not used). Port 0 is allowed,
// for a random port.
func parseDaemonAddress(s string) (string, error) {
	hp, err := daemonaddr.Parse(s, true)
	if err != nil {
		return "", fmt.Errorf("xraylocal: invalid listen address %w", err)
	}
	return hp, nil
}

// parseForwardAddress returns the host:port of a forward target written as
// "udp:host:port" or "host:port".
func parseForwardAddress(s string) (string, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "tcp:") {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: the daemon protocol is UDP; want udp:host:port", s)
	}
	if strings.HasSuffix(t, ":0") {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: port 0; want the real daemon's port, e.g. udp:127.0.0.1:2000", s)
	}
	hp, err := daemonaddr.HostPort(strings.TrimPrefix(t, "udp:"), false)
	if err != nil {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: want udp:host:port with a port from 1 to 65535, e.g. udp:127.0.0.1:2000", s)
	}
	return hp, nil
}
