package scrub

import "strings"

// stripUserinfo removes user:password@ from the authority of every URL in
// s, in one pass.
func stripUserinfo(s string) string {
	var b strings.Builder
	last := 0   // s[last:] is not written yet
	from := 0   // where to look for the next "://"
	nextAt := 0 // the first '@' at or after some position, or len(s)
	for {
		i := strings.Index(s[from:], "://")
		if i < 0 {
			break
		}
		start := from + i + 3
		from = start
		if nextAt < start {
			nextAt = indexFrom(s, start, '@')
		}
		end, ok := userinfoEnd(s, start, nextAt)
		if !ok {
			continue
		}
		b.WriteString(s[last:start])
		last, from = end+1, end+1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// userinfoEnd decides whether the authority starting at s[start] has user
// info with a password, and returns the index of the '@' that ends it. at
// is the first '@' at or after start (len(s) if none).
func userinfoEnd(s string, start, at int) (int, bool) {
	if at >= len(s) {
		return 0, false
	}
	// The user name: up to ':', with no character that ends an authority.
	colon := -1
	for j := start; j < at; j++ {
		c := s[j]
		if c == ':' {
			colon = j
			break
		}
		if c == '/' || c == '?' || c == '#' || urlEnd(c) {
			return 0, false // a path, query or next word before any '@'
		}
	}
	if colon < 0 {
		return 0, false // user info without a password is no secret
	}
	// host:port/..., not user:password@: digits, then the path.
	j := colon + 1
	for j < at && '0' <= s[j] && s[j] <= '9' {
		j++
	}
	if j > colon+1 && j < at && (s[j] == '/' || s[j] == '?' || s[j] == '#') && colon > start {
		return 0, false
	}
	for k := colon + 1; k < at; k++ {
		if urlEnd(s[k]) {
			return 0, false // the URL ended before the '@'
		}
	}
	// A '@' inside the password: the user info ends at the last '@' before
	// the host's end.
	for k := at + 1; k < len(s); k++ {
		c := s[k]
		if c == '/' || c == '?' || c == '#' || urlEnd(c) {
			break
		}
		if c == '@' {
			at = k
		}
	}
	pw := s[colon+1 : at]
	if pw == "" || pw == Redacted || strings.Trim(pw, "*") == "" {
		return 0, false
	}
	return at, true
}

// stripDSN removes a leading user:password@ from a Go MySQL DSN
// ("app:pw@tcp(db:3306)/x", "app:pw@/x"): a user name of plain characters,
// and after the last '@' a protocol with its address in parentheses or the
// database path.
func stripDSN(s string) string {
	colon := strings.IndexByte(s, ':')
	if colon < 0 || strings.Contains(s[:min(len(s), colon+3)], "://") {
		return s
	}
	for j := 0; j < colon; j++ {
		if !nameByte(s[j]) {
			return s
		}
	}
	at := -1
	for k := colon + 1; k < len(s); k++ {
		if s[k] == '@' {
			at = k
		} else if urlEnd(s[k]) {
			break
		}
	}
	if at < 0 || at == colon+1 || s[colon+1:at] == Redacted {
		return s
	}
	rest := s[at+1:]
	p := 0
	for p < len(rest) && ('a' <= rest[p] && rest[p] <= 'z' || '0' <= rest[p] && rest[p] <= '9') {
		p++
	}
	if !strings.HasPrefix(rest, "/") && !(p > 0 && p < len(rest) && rest[p] == '(') {
		return s
	}
	return rest
}

// indexFrom returns the index of the first c in s at or after i, or len(s).
func indexFrom(s string, i int, c byte) int {
	if j := strings.IndexByte(s[i:], c); j >= 0 {
		return i + j
	}
	return len(s)
}

// urlEnd reports whether c cannot appear in a URL (whitespace, controls,
// quotes, angle brackets, backslash): it ends one in free text.
func urlEnd(c byte) bool {
	return c <= ' ' || c == 0x7f || c == '"' || c == '<' || c == '>' || c == '`' || c == '\\'
}
