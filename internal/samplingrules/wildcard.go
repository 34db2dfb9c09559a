package samplingrules

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Match reports whether s matches pattern as X-Ray matches rule fields:
// case-insensitively, with '*' for any run of characters (none included)
// and '?' for exactly one. It allocates nothing and takes at most
// len(pattern)×len(s) steps.
func Match(pattern, s string) bool {
	if pattern == "*" {
		return true
	}
	if strings.IndexByte(pattern, '*') < 0 && strings.IndexByte(pattern, '?') < 0 {
		return strings.EqualFold(pattern, s)
	}
	p, i := 0, 0
	starP, starI := -1, 0
	for i < len(s) {
		if p < len(pattern) {
			pc, pw := rune(pattern[p]), 1
			if pc >= utf8.RuneSelf {
				pc, pw = utf8.DecodeRuneInString(pattern[p:])
			}
			if pc == '*' {
				starP, starI = p, i
				p += pw
				continue
			}
			sc, sw := rune(s[i]), 1
			if sc >= utf8.RuneSelf {
				sc, sw = utf8.DecodeRuneInString(s[i:])
			}
			if pc == '?' || equalFold(pc, sc) {
				p += pw
				i += sw
				continue
			}
		}
		if starP < 0 {
			return false
		}
		// Let the last '*' take one more character and retry after it.
		sw := 1
		if s[starI] >= utf8.RuneSelf {
			_, sw = utf8.DecodeRuneInString(s[starI:])
		}
		starI += sw
		i = starI
		p = starP + 1
	}
	for p < len(pattern) && pattern[p] == '*' {
		p++
	}
	return p == len(pattern)
}

// equalFold reports whether a and b are equal under Unicode simple case
// folding, as strings.EqualFold has it.
func equalFold(a, b rune) bool {
	if a == b {
		return true
	}
	if a < utf8.RuneSelf && b < utf8.RuneSelf {
		l := a | 0x20
		return l == b|0x20 && 'a' <= l && l <= 'z'
	}
	for r := unicode.SimpleFold(a); r != a; r = unicode.SimpleFold(r) {
		if r == b {
			return true
		}
	}
	return false
}
