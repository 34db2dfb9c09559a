package docscheck

import (
	"strconv"
	"strings"
	"unicode"
)

// slugger gives headings the anchors GitHub gives them: lower case, every
// character but letters, digits, marks, "_", "-" and spaces dropped, spaces
// turned into "-", and "-1", "-2", ... after a repeated slug.
type slugger map[string]int

func newSlugger() slugger { return slugger{} }

func (s slugger) slug(heading string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(strings.TrimSpace(heading)) {
		switch {
		case r == ' ':
			b.WriteByte('-')
		case r == '-' || r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r) || unicode.IsMark(r):
			b.WriteRune(r)
		}
	}
	base := b.String()
	slug := base
	for {
		if _, taken := s[slug]; !taken {
			break
		}
		s[base]++
		slug = base + "-" + strconv.Itoa(s[base])
	}
	s[slug] = 0
	return slug
}
