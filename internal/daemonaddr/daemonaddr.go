// Package daemonaddr parses the X-Ray daemon address in both forms of
// AWS_XRAY_DAEMON_ADDRESS, for the exporter (where to send) and xraylocal
// (where to listen).
package daemonaddr

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Parse returns the UDP host:port of s, which is "host:port" or
// "udp:host:port tcp:host:port" (in either order; the tcp part is checked
// but not used). Port 0 is accepted only with randomPort, for a listener on
// a random port. Errors say what is wrong and what a valid address looks
// like; callers say what the address is for ("invalid daemon address %w").
func Parse(s string, randomPort bool) (string, error) {
	fields := strings.Fields(s)
	if len(fields) == 1 && !strings.HasPrefix(fields[0], "udp:") && !strings.HasPrefix(fields[0], "tcp:") {
		return hostPort(s, fields[0], randomPort)
	}
	if len(fields) != 1 && len(fields) != 2 {
		return "", invalid(s, "empty or too many parts")
	}
	var udp string
	for _, f := range fields {
		proto, addr, _ := strings.Cut(f, ":")
		switch proto {
		case "udp":
			if udp != "" {
				return "", invalid(s, "udp is given twice")
			}
			udp = addr
		case "tcp":
			if _, err := hostPort(s, addr, randomPort); err != nil {
				return "", err
			}
		default:
			return "", invalid(s, fmt.Sprintf("%q is neither udp:host:port nor tcp:host:port", f))
		}
	}
	if udp == "" {
		return "", invalid(s, "no udp:host:port part")
	}
	return hostPort(s, udp, randomPort)
}

// HostPort checks one host:port (port 0 only with randomPort) and returns
// it normalized.
func HostPort(hp string, randomPort bool) (string, error) { return hostPort(hp, hp, randomPort) }

func hostPort(orig, hp string, randomPort bool) (string, error) {
	host, port, err := net.SplitHostPort(hp)
	if err != nil {
		return "", invalid(orig, err.Error())
	}
	if host == "" {
		return "", invalid(orig, "the host is empty")
	}
	if host == "udp" || host == "tcp" {
		// "tcp:1" reads as the tcp part of the pair form, so such an
		// address would not parse again to itself.
		return "", invalid(orig, fmt.Sprintf("the host %q is ambiguous with the udp:/tcp: prefixes; use its IP address", host))
	}
	lowest := 1
	if randomPort {
		lowest = 0
	}
	n, err := strconv.Atoi(port)
	if err != nil || n < lowest || n > 65535 {
		return "", invalid(orig, fmt.Sprintf("port %q is not a number from %d to 65535", port, lowest))
	}
	return net.JoinHostPort(host, strconv.Itoa(n)), nil
}

func invalid(s, why string) error {
	return fmt.Errorf("%q: %s; want host:port (like 127.0.0.1:2000) or \"udp:host:port tcp:host:port\"", s, why)
}
