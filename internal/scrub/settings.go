package scrub

import "strings"

// redactSettings replaces the value of every secret name=value setting in
// s with Redacted, in one pass.
func redactSettings(s string) string {
	var b strings.Builder
	last := 0 // s[last:] is not written yet
	for i := 0; i < len(s); {
		j := strings.IndexByte(s[i:], '=')
		if j < 0 {
			break
		}
		eq := i + j
		i = eq + 1
		start, end, ctx, whole := settingName(s, eq)
		if start == end || !secretName(s[start:end], whole) {
			continue
		}
		v := eq + 1
		for v < len(s) && (s[v] == ' ' || s[v] == '\t') {
			v++
		}
		end = valueEnd(s, v, ctx)
		if end == v || placeholder(s[v:wordEnd(s, v, end)]) {
			i = max(end, i)
			continue
		}
		growFirst(&b, last, len(s)+len(Redacted))
		b.WriteString(s[last:v])
		b.WriteString(Redacted)
		last, i = end, end
	}
	if last == 0 {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// setting contexts: what the character before a name says about its value.
const (
	inConnection = iota // start of text, ';', ',', whitespace, ...
	inQuery             // '?', '&' or '#': a URL's query or fragment
)

// settingName finds the name before the '=' at s[eq]: up to 8 spaces, then
// up to maxName name bytes. It returns the name as s[start:end] (empty when
// there is none), the context given by the byte before it, and whether
// the name is whole (not cut at maxName).
func settingName(s string, eq int) (start, end, ctx int, whole bool) {
	end = eq
	for k := 0; end > 0 && k < 8 && (s[end-1] == ' ' || s[end-1] == '\t'); k++ {
		end--
	}
	start = end
	for start > 0 && end-start < maxName && nameByte(s[start-1]) {
		start--
	}
	whole = start == 0 || !nameByte(s[start-1])
	ctx = inConnection
	if start > 0 {
		switch s[start-1] {
		case '?', '&', '#':
			ctx = inQuery
		}
	}
	return start, end, ctx, whole
}

// nameByte reports whether c may be part of a setting name.
func nameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' || c == '-' || c == '.'
}

// valueEnd returns the end of the value starting at s[v]. A value in
// quotes or ODBC braces ends at its closing quote or brace (doubled, it
// stands for itself), or with the text when there is none. Otherwise a
// query value ends at '&', at a character that cannot be in a URL, or at
// a '#' that starts another setting; a connection string value at ';' or
// whitespace that starts another setting (libpq's "password=x dbname=y"),
// or at a ';' that ends the text. A '&', or a ';' followed by anything
// else, does not end it: libpq passwords may hold those.
func valueEnd(s string, v, ctx int) int {
	if v >= len(s) {
		return v
	}
	switch q := s[v]; q {
	case '"', '\'', '{':
		if q == '{' {
			q = '}'
		}
		for k := v + 1; k < len(s); k++ {
			if s[k] != q {
				continue
			}
			if k+1 < len(s) && s[k+1] == q {
				k++
				continue
			}
			return k + 1
		}
		return len(s)
	}
	for k := v; k < len(s); k++ {
		c := s[k]
		if ctx == inQuery {
			switch {
			case c == '&' || urlEnd(c):
				return k
			case c == '#' && startsSetting(s, k+1):
				return k
			}
			continue
		}
		switch {
		case c == ';' && (k+1 == len(s) || s[k+1] == ';' || startsSetting(s, k+1)):
			return k
		case (c == ' ' || c == '\t' || c == '\n' || c == '\r') && startsSetting(s, k+1):
			return k
		}
	}
	return len(s)
}

// startsSetting reports whether a name=value setting starts at s[i].
func startsSetting(s string, i int) bool {
	for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
		i++
	}
	n := 0
	for i+n < len(s) && n <= maxName && nameByte(s[i+n]) {
		n++
	}
	if n == 0 {
		return false
	}
	for i+n < len(s) && (s[i+n] == ' ' || s[i+n] == '\t') {
		n++
	}
	return i+n < len(s) && s[i+n] == '='
}

// wordEnd returns the end of the first word of s[v:end]: a placeholder is
// followed by whitespace, ',', ')' or ';' in a statement.
func wordEnd(s string, v, end int) int {
	for k := v; k < end; k++ {
		switch s[k] {
		case ' ', '\t', '\n', '\r', ',', ')', ';':
			return k
		}
	}
	return end
}

// placeholder reports whether a setting's value is a query placeholder
// (?, $1, :name, @name, %s) or already redacted, not a secret.
func placeholder(v string) bool {
	if v == "" || v == Redacted || v == Placeholder || strings.Trim(v, "*") == "" {
		return true
	}
	rest := v[1:]
	switch v[0] {
	case '?', '$': // ?, ?1, $1
		return strings.Trim(rest, "0123456789") == ""
	case '%': // %s, %v, %d
		return rest == "s" || rest == "v" || rest == "d"
	case ':', '@': // :name, @name
		for k := 0; k < len(rest); k++ {
			if !nameByte(rest[k]) {
				return false
			}
		}
		return rest != ""
	}
	return false
}
