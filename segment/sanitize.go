package segment

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// DefaultName is the name given to a document whose every name candidate
// sanitizes to the empty string.
const DefaultName = "unnamed"

// SanitizeName makes s a valid (sub)segment name: it keeps Unicode letters,
// digits and the characters _ . : / % & # = + \ - @, turns whitespace into
// spaces, drops everything else (including invalid UTF-8), and cuts the result
// to MaxNameLen characters. It returns "" when nothing is left.
func SanitizeName(s string) string {
	if validNameFast(s) {
		return s
	}
	var sb strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxNameLen {
			break
		}
		switch {
		case r == utf8.RuneError:
			continue
		case unicode.IsSpace(r):
			r = ' '
		case !nameRune(r):
			continue
		}
		sb.WriteRune(r)
		n++
	}
	return sb.String()
}

// validNameFast reports whether s is short ASCII made only of name characters.
func validNameFast(s string) bool {
	if len(s) == 0 || len(s) > MaxNameLen {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || !nameRune(rune(c)) {
			return false
		}
	}
	return true
}

func nameRune(r rune) bool {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z', 'A' <= r && r <= 'Z', '0' <= r && r <= '9', r == ' ':
			return true
		}
		return strings.ContainsRune(`_.:/%&#=+\-@`, r)
	}
	return unicode.IsLetter(r) || unicode.IsDigit(r)
}

// SanitizeAnnotationKey makes s a valid annotation key: characters other than
// ASCII letters, digits and underscore become underscores, and the key is cut
// to MaxAnnotationKeyLen. X-Ray silently drops annotations with other keys.
// It returns "" for an empty s.
func SanitizeAnnotationKey(s string) string {
	ok := len(s) <= MaxAnnotationKeyLen
	for i := 0; ok && i < len(s); i++ {
		ok = annotationKeyByte(s[i])
	}
	if ok {
		return s
	}
	var sb strings.Builder
	n := 0
	for _, r := range s {
		if n == MaxAnnotationKeyLen {
			break
		}
		if r < utf8.RuneSelf && annotationKeyByte(byte(r)) {
			sb.WriteByte(byte(r))
		} else {
			sb.WriteByte('_')
		}
		n++
	}
	return sb.String()
}

func annotationKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// cutRunes cuts s to at most n characters, on a rune boundary.
func cutRunes(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i, count := 0, 0
	for i < len(s) && count < n {
		_, size := utf8.DecodeRuneInString(s[i:])
		i += size
		count++
	}
	return s[:i]
}
