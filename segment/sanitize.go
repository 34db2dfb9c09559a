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
// to MaxNameLen characters, without leading or trailing spaces. It returns
// "" when nothing else is left: a name is never blank.
func SanitizeName(s string) string {
	if validNameFast(s) {
		return s
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == utf8.RuneError || !nameRune(r) })
	return strings.TrimRight(mapRunes(s, MaxNameLen, func(r rune) (rune, bool) {
		switch {
		case r == utf8.RuneError:
			return 0, false
		case unicode.IsSpace(r):
			return ' ', true
		}
		return r, nameRune(r)
	}), " ")
}

// mapRunes returns the first max runes that f keeps of s, as f maps them.
func mapRunes(s string, max int, f func(rune) (rune, bool)) string {
	var sb strings.Builder
	n := 0
	for _, r := range s {
		if n == max {
			break
		}
		if r, keep := f(r); keep {
			sb.WriteRune(r)
			n++
		}
	}
	return sb.String()
}

// validNameFast reports whether s is short ASCII made only of name characters.
func validNameFast(s string) bool {
	if len(s) == 0 || len(s) > MaxNameLen || s[0] == ' ' || s[len(s)-1] == ' ' {
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
	return mapRunes(s, MaxAnnotationKeyLen, func(r rune) (rune, bool) {
		if r < utf8.RuneSelf && annotationKeyByte(byte(r)) {
			return r, true
		}
		return '_', true
	})
}

func annotationKeyByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_'
}

// SanitizeAWSKey makes k a key of the aws object: it returns k if it is
// snake_case ([a-z0-9_]+) and at most MaxStringLen long, else a snake_case
// form of it ("TableName" -> "table_name"), or "" when nothing is left.
func SanitizeAWSKey(k string) string {
	ok := k != "" && len(k) <= MaxStringLen
	for i := 0; ok && i < len(k); i++ {
		c := k[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_'
	}
	if ok {
		return k
	}
	out := make([]byte, 0, len(k)+4)
	for i := 0; i < len(k) && len(out) < MaxStringLen; i++ {
		c := k[i]
		switch {
		case 'A' <= c && c <= 'Z':
			if len(out) > 0 && out[len(out)-1] != '_' {
				out = append(out, '_')
			}
			out = append(out, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			out = append(out, c)
		default:
			if len(out) > 0 && out[len(out)-1] != '_' {
				out = append(out, '_')
			}
		}
	}
	return string(out)
}

// SanitizeMetadataKey keeps a metadata key or namespace name out of the
// "AWS." prefix that X-Ray reserves: "AWS.x" becomes "_AWS.x".
func SanitizeMetadataKey(k string) string {
	if len(k) >= 4 && k[:4] == "AWS." {
		return "_" + k
	}
	return k
}
