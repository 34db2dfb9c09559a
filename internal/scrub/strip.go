package scrub

import "strings"

// Strip removes user:password@ from URLs and password=, passwd= and
// pwd= settings (any case) from key=value connection strings, in one pass.
func Strip(cs string) string {
	cs = stripUserinfo(cs)
	var b strings.Builder
	last := 0
	for i := 0; i < len(cs); i++ {
		k := passwordKeyAt(cs, i)
		if k == 0 {
			continue
		}
		end := strings.IndexAny(cs[i+k:], ";& ")
		if end < 0 {
			end = len(cs)
		} else {
			end = i + k + end + 1 // drop the separator too
		}
		b.WriteString(cs[last:i])
		last, i = end, end-1
	}
	if last == 0 {
		return cs
	}
	b.WriteString(cs[last:])
	return strings.TrimRight(b.String(), ";&? ")
}

// passwordKeyAt returns the length of a password setting's key ("pwd=")
// starting at s[i], compared without regard to ASCII case, or 0.
func passwordKeyAt(s string, i int) int {
	for _, k := range [...]string{"password=", "passwd=", "pwd="} {
		if len(s)-i >= len(k) && asciiEqualFold(s[i:i+len(k)], k) {
			return len(k)
		}
	}
	return 0
}

// asciiEqualFold compares s with the lower-case ASCII key k; unlike
// strings.ToLower it never changes byte offsets.
func asciiEqualFold(s, k string) bool {
	for j := 0; j < len(k); j++ {
		c := s[j]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c != k[j] {
			return false
		}
	}
	return true
}

// stripUserinfo removes user:password@ from a URL's authority.
func stripUserinfo(u string) string {
	i := strings.Index(u, "://")
	if i < 0 {
		return u
	}
	rest := u[i+3:]
	end := strings.IndexAny(rest, "/?#")
	if end < 0 {
		end = len(rest)
	}
	at := strings.LastIndexByte(rest[:end], '@')
	if at < 0 {
		return u
	}
	return u[:i+3] + rest[at+1:]
}
