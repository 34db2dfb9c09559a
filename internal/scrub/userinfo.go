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
		growFirst(&b, last, len(s))
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

// stripDSN removes user:password@ from every Go MySQL DSN in s
// ("app:pw@tcp(db:3306)/x", "app:pw@/x"), at the start of s or of a word:
// a user name of plain characters, and after the word's last '@' a
// protocol with its address in parentheses, or the database path.
func stripDSN(s string) string {
	var b strings.Builder
	last := 0
	for w := 0; w < len(s); {
		end := w
		for end < len(s) && !urlEnd(s[end]) {
			end++
		}
		if at := dsnUserinfo(s[w:end]); at > 0 {
			growFirst(&b, last, len(s))
			b.WriteString(s[last:w])
			last = w + at + 1
		} else if from, at := oracleUserinfo(s[w:end]); at > 0 {
			growFirst(&b, last, len(s))
			b.WriteString(s[last : w+from])
			last = w + at
		}
		w = end + 1
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// dsnUserinfo returns the index of the '@' that ends a DSN's
// user:password in the word w, or 0.
func dsnUserinfo(w string) int {
	colon := strings.IndexByte(w, ':')
	if colon <= 0 || strings.HasPrefix(w[colon:], "://") || strings.EqualFold(w[:colon], "jdbc") {
		return 0 // a URL, or a JDBC URL (Oracle's user/password: stripOracle)
	}
	for j := 0; j < colon; j++ {
		if !nameByte(w[j]) {
			return 0
		}
	}
	at := strings.LastIndexByte(w, '@')
	if at <= colon+1 || w[colon+1:at] == Redacted {
		return 0
	}
	rest := w[at+1:]
	p := 0
	for p < len(rest) && ('a' <= rest[p] && rest[p] <= 'z' || '0' <= rest[p] && rest[p] <= '9') {
		p++
	}
	if !strings.HasPrefix(rest, "/") && !(p > 0 && p < len(rest) && rest[p] == '(') {
		return 0
	}
	return at
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

// oracleUserinfo finds user/password in an Oracle JDBC URL
// ("jdbc:oracle:thin:scott/tiger@db:1521/svc"): it returns where they
// start and the index of the '@' after them, or 0, 0.
func oracleUserinfo(w string) (from, at int) {
	const prefix = "jdbc:oracle:"
	if len(w) < len(prefix) || !strings.EqualFold(w[:len(prefix)], prefix) {
		return 0, 0
	}
	colon := strings.IndexByte(w[len(prefix):], ':')
	at = strings.LastIndexByte(w, '@')
	from = len(prefix) + colon + 1
	if colon < 0 || at < from {
		return 0, 0
	}
	user, pw, ok := strings.Cut(w[from:at], "/")
	if !ok || pw == "" || pw == Redacted || strings.Contains(user, "//") {
		return 0, 0
	}
	return from, at
}

// growFirst gives b room for n bytes before its first write (nothing of s
// written yet: last is 0), so that a rewrite of s costs one allocation.
func growFirst(b *strings.Builder, last, n int) {
	if last == 0 {
		b.Grow(n)
	}
}
