package daemonaddr

import "strings"

// TCP returns the TCP host:port of s (the daemon's sampling proxy), in
// either form of AWS_XRAY_DAEMON_ADDRESS: "host:port" (the daemon serves
// UDP and TCP on the same port) or "udp:host:port tcp:host:port". A
// two-part address without a tcp part is refused, as the X-Ray SDKs do.
func TCP(s string) (string, error) {
	if _, err := Parse(s, false); err != nil {
		return "", err
	}
	fields := strings.Fields(s)
	if len(fields) == 1 && !strings.HasPrefix(fields[0], "udp:") {
		return hostPort(s, strings.TrimPrefix(fields[0], "tcp:"), false)
	}
	for _, f := range fields {
		if addr, ok := strings.CutPrefix(f, "tcp:"); ok {
			return hostPort(s, addr, false)
		}
	}
	return "", invalid(s, "no tcp:host:port part (the sampling proxy's address)")
}
