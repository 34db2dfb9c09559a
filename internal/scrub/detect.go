package scrub

import "strings"

// Contains reports whether s holds a password: a "password=", "passwd="
// or "pwd=" setting (case-insensitive) with a value that is not a query
// placeholder, or a URL with user:password@. With dsn, a leading
// "user:password@" without a scheme (a MySQL DSN) counts too.
func Contains(s string, dsn bool) bool {
	l := strings.ToLower(s)
	for _, kw := range []string{"password", "passwd", "pwd"} {
		for rest := l; ; {
			i := strings.Index(rest, kw)
			if i < 0 {
				break
			}
			rest = rest[i+len(kw):]
			after := strings.TrimLeft(rest, " \t")
			if !strings.HasPrefix(after, "=") {
				continue
			}
			val := strings.TrimLeft(after[1:], " \t")
			if val != "" && !strings.ContainsRune("?$:@;&,)", rune(val[0])) {
				return true
			}
		}
	}
	for rest := s; ; {
		i := strings.Index(rest, "://")
		if i < 0 {
			break
		}
		rest = rest[i+3:]
		if userinfoPassword(rest) {
			return true
		}
	}
	if dsn && !strings.Contains(s, "://") && userinfoPassword(s) {
		return true
	}
	return false
}

// userinfoPassword reports whether s starts with an authority whose user
// info has a non-empty, unredacted password.
func userinfoPassword(s string) bool {
	if end := strings.IndexAny(s, "/?# ("); end >= 0 {
		s = s[:end]
	}
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return false
	}
	_, pw, ok := strings.Cut(s[:at], ":")
	if !ok || pw == "" || strings.EqualFold(pw, "REDACTED") || strings.Trim(pw, "*") == "" {
		return false
	}
	return true
}
