package loadgen

import (
	"fmt"
	"net"
	"net/url"
)

// Loopback returns an error unless target (a URL or a host:port) names a
// loopback IP address: the load test never sends to another machine. Host
// names are refused too, even "localhost", as they could resolve
// elsewhere.
func Loopback(target string) error {
	host := target
	if u, err := url.Parse(target); err == nil && u.Host != "" {
		host = u.Host
	}
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	ip := net.ParseIP(host)
	if ip == nil || !ip.IsLoopback() {
		return fmt.Errorf("loadgen: refusing %q: the load test sends to loopback IP addresses only (127.0.0.0/8, ::1)", target)
	}
	return nil
}
