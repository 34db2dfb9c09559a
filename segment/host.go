package segment

import (
	"net/netip"
	"strings"
)

// hostOf returns the host that s (a server.address, http.host or
// net.peer.name) names, or "" when it names none: user info is cut off
// ("u:pw@h" is the host h; the credential never becomes a name), as is a
// scheme and a path, and what is left must be a valid host, with its port
// when it has one.
func hostOf(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.Index(s, "://"); i >= 0 {
		s = s[i+3:]
		if j := strings.IndexAny(s, "/?#"); j >= 0 {
			s = s[:j]
		}
	}
	if at := strings.LastIndexByte(s, '@'); at >= 0 {
		s = s[at+1:]
	}
	host, port := splitPort(s)
	if !validHost(host) || !validPort(port) {
		return ""
	}
	return s
}

// splitPort splits "h:80", "[::1]:80" and "::1" into host and port.
func splitPort(s string) (host, port string) {
	if strings.HasPrefix(s, "[") {
		end := strings.IndexByte(s, ']')
		if end < 0 {
			return s, ""
		}
		if rest := s[end+1:]; strings.HasPrefix(rest, ":") {
			return s[:end+1], rest[1:]
		}
		return s, ""
	}
	if strings.Count(s, ":") == 1 {
		i := strings.IndexByte(s, ':')
		return s[:i], s[i+1:]
	}
	return s, ""
}

func validPort(p string) bool {
	if len(p) > 5 {
		return false
	}
	for i := 0; i < len(p); i++ {
		if p[i] < '0' || p[i] > '9' {
			return false
		}
	}
	return true
}

// validHost reports whether h is a host RFC 3986 allows: an IPv6 literal
// in brackets (or bare, as server.address carries it), an IPv4 address, or
// a reg-name of unreserved characters, sub-delimiters and percent escapes.
// A bare IPv6 address is valid only with its port left off.
func validHost(h string) bool {
	if h == "" || len(h) > 253 {
		return false
	}
	if strings.HasPrefix(h, "[") {
		a, err := netip.ParseAddr(strings.TrimSuffix(h[1:], "]"))
		return strings.HasSuffix(h, "]") && err == nil && a.Is6()
	}
	if strings.Contains(h, ":") {
		a, err := netip.ParseAddr(h)
		return err == nil && a.Is6()
	}
	for i := 0; i < len(h); i++ {
		c := h[i]
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9':
		case strings.IndexByte("-._~!$&'()*+,;=", c) >= 0:
		case c == '%' && i+2 < len(h) && isHex(h[i+1]) && isHex(h[i+2]):
			i += 2
		default:
			return false
		}
	}
	return true
}

func isHex(c byte) bool {
	return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
}

// hostOfURL returns the host[:port] of an absolute URL, or "".
func hostOfURL(u string) string {
	i := strings.Index(u, "://")
	if i <= 0 {
		return ""
	}
	return hostOf(u)
}
