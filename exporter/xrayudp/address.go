package xrayudp

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// DefaultEndpoint is the daemon address used when neither WithEndpoint nor
// AWS_XRAY_DAEMON_ADDRESS sets one.
const DefaultEndpoint = "127.0.0.1:2000"

// parseAddress returns the UDP host:port of a daemon address in either of the
// forms of AWS_XRAY_DAEMON_ADDRESS: "host:port", or "udp:host:port tcp:host:port"
// (in either order; the tcp part is not used by this exporter).
func parseAddress(s string) (string, error) {
	s = strings.TrimSpace(s)
	fields := strings.Fields(s)
	switch {
	case len(fields) == 1 && !strings.HasPrefix(fields[0], "udp:") && !strings.HasPrefix(fields[0], "tcp:"):
		return checkHostPort(s, fields[0])
	case len(fields) == 1 || len(fields) == 2:
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
	return "", addressError(s, "empty or too many parts")
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
	if err != nil || n < 1 || n > 65535 {
		return "", addressError(orig, fmt.Sprintf("port %q is not a number from 1 to 65535", port))
	}
	return net.JoinHostPort(host, strconv.Itoa(n)), nil
}

func addressError(s, why string) error {
	return fmt.Errorf("xrayudp: invalid daemon address %q: %s; want host:port (like %s) or \"udp:host:port tcp:host:port\"", s, why, DefaultEndpoint)
}
