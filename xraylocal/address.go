package xraylocal

import (
	"fmt"
	"net"
	"strconv"
	"strings"
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
	fields := strings.Fields(s)
	if len(fields) == 1 && !strings.HasPrefix(fields[0], "udp:") && !strings.HasPrefix(fields[0], "tcp:") {
		return checkHostPort(s, fields[0])
	}
	if len(fields) != 1 && len(fields) != 2 {
		return "", addressError(s, "empty or too many parts")
	}
	var udp string
	for _, f := range fields {
		proto, addr, _ := strings.Cut(f, ":")
		switch proto {
		case "udp":
			if udp != "" {
				return "", addressError(s, "udp is given twice")
			}
			udp = addr
		case "tcp":
			if _, err := checkHostPort(s, addr); err != nil {
				return "", err
			}
		default:
			return "", addressError(s, fmt.Sprintf("%q is neither udp:host:port nor tcp:host:port", f))
		}
	}
	if udp == "" {
		return "", addressError(s, "no udp:host:port part")
	}
	return checkHostPort(s, udp)
}

// parseForwardAddress returns the host:port of a forward target written as
// "udp:host:port" or "host:port".
func parseForwardAddress(s string) (string, error) {
	t := strings.TrimSpace(s)
	if strings.HasPrefix(t, "tcp:") {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: the daemon protocol is UDP; want udp:host:port", s)
	}
	hp, err := checkHostPort(s, strings.TrimPrefix(t, "udp:"))
	if err != nil {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: want udp:host:port, e.g. udp:127.0.0.1:2000", s)
	}
	if strings.HasSuffix(hp, ":0") {
		return "", fmt.Errorf("xraylocal: invalid forward address %q: port 0; want the real daemon's port, e.g. udp:127.0.0.1:2000", s)
	}
	return hp, nil
}

func checkHostPort(orig, hp string) (string, error) {
	host, port, err := net.SplitHostPort(hp)
	if err != nil {
		return "", addressError(orig, err.Error())
	}
	if host == "" {
		return "", addressError(orig, "the host is empty")
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < 0 || n > 65535 {
		return "", addressError(orig, fmt.Sprintf("port %q is not a number from 0 to 65535", port))
	}
	return net.JoinHostPort(host, strconv.Itoa(n)), nil
}

func addressError(s, why string) error {
	return fmt.Errorf("xraylocal: invalid listen address %q: %s; want host:port (like %s) or \"udp:host:port tcp:host:port\"", s, why, DefaultUDPAddr)
}
