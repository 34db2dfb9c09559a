package xraylocal

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSafe returns s with everything a terminal could act on made visible:
// C0 and C1 controls (ESC, BEL, CR, LF, backspace, DEL, U+0080-U+009F),
// Unicode format characters (bidi embeddings, overrides and isolates, the
// marks U+200E, U+200F and U+061C, zero-width characters), line and
// paragraph separators, and invalid UTF-8. Bytes below 0x80 and invalid
// bytes become \xNN; runes become \uNNNN (\UNNNNNNNN past U+FFFF). Everything else, including a
// backslash, is kept as is. Every string a datagram can set passes through
// it before it reaches a terminal, so that no document can set the title,
// clear the screen, write the clipboard (OSC 52) or forge a line.
func termSafe(s string) string {
	i := 0
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		if needsEscape(r, n) {
			break
		}
		i += n
	}
	if i == len(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	b.WriteString(s[:i])
	for i < len(s) {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n <= 1, r < 0x80 && needsEscape(r, n):
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case needsEscape(r, n) && r > 0xffff:
			fmt.Fprintf(&b, `\U%08x`, r)
		case needsEscape(r, n):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

// needsEscape reports whether the rune r, n bytes long, is escaped.
func needsEscape(r rune, n int) bool {
	switch {
	case r == utf8.RuneError && n <= 1:
		return true // invalid UTF-8
	case r < 0x20, r == 0x7f, r >= 0x80 && r <= 0x9f:
		return true // C0, DEL, C1
	case r < 0x80:
		return false
	case r == '\u2028', r == '\u2029':
		return true // line and paragraph separators
	}
	return unicode.Is(unicode.Cf, r) // format: bidi controls, zero-width
}
