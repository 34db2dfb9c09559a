package validate

import (
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub"
)

// Formats: checks of one value that a kind cannot express. Each writes its
// own messages, under the rule in force.

// formatName checks a (sub)segment name.
func formatName(c *checker, p *path, rule Rule, v any) {
	s, ok := v.(string)
	if !ok {
		c.addf(rule, p, "value is %s; a name is a string of 1 to %d characters", describe(v), maxNameLen)
		return
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		c.addf(rule, p, "name is empty; it must have 1 to %d characters", maxNameLen)
	case n > maxNameLen:
		c.addf(rule, p, "name has %d characters, more than %d", n, maxNameLen)
	}
	for _, r := range s {
		if !nameRune(r) {
			c.addf(rule, p, `name %s contains %q; only letters, digits, whitespace and _ . : / %% & # = + \ - @ are allowed`, quote(s), r)
			return
		}
	}
}

// nameRune reports whether r may appear in a (sub)segment name.
func nameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune(`_.:/%&#=+\-@`, r)
}

// isLowerHex reports whether s is n lower-case hex digits.
func isLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// formatID checks a (sub)segment, exception or link id.
func formatID(c *checker, p *path, rule Rule, v any) {
	s, ok := v.(string)
	switch {
	case !ok || !isLowerHex(s, 16):
		c.addf(rule, p, "value is %s; an id is a string of 16 lower-case hex digits, e.g. %s", describe(v), exampleID)
	case s == "0000000000000000":
		c.add(rule, p, "id is all zeros, which X-Ray rejects; use a random non-zero 64-bit id, e.g. "+exampleID)
	}
}

// formatTraceID checks an X-Ray trace id.
func formatTraceID(c *checker, p *path, rule Rule, v any) {
	s, ok := v.(string)
	if !ok || len(s) != 35 || s[:2] != "1-" || s[10] != '-' || !isLowerHex(s[2:10], 8) || !isLowerHex(s[11:], 24) {
		c.addf(rule, p, `value is %s; a trace_id is "1-" + 8 lower-case hex digits + "-" + 24 lower-case hex digits, e.g. %s`,
			describe(v), exampleTraceID)
	}
}

// formatTime checks a time in seconds since the epoch.
func formatTime(c *checker, p *path, rule Rule, v any) {
	if _, _, msg := parseTime(v); msg != "" {
		c.add(rule, p, msg)
	}
}

// parseTime reads a time value: ok says whether it can be compared, msg
// what is wrong with it ("" when nothing is).
func parseTime(v any) (t float64, ok bool, msg string) {
	n, isNum := v.(json.Number)
	if !isNum {
		return 0, false, "value is " + describe(v) + "; a time is a number of seconds since the epoch, e.g. " + exampleTime
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		return 0, false, "value " + describe(v) + " is not a finite number; use seconds since the epoch, e.g. " + exampleTime
	}
	if f < 0 {
		return 0, false, "value " + describe(v) + " is negative; use seconds since the epoch, e.g. " + exampleTime
	}
	if dec := decimals(n.String()); dec > 6 {
		return f, true, "value " + describe(v) + " has " + strconv.Itoa(dec) + " digits after the decimal point; at most 6 (microseconds), e.g. " + exampleTime
	}
	return f, true, ""
}

// decimals returns the number of digits after the decimal point that the
// JSON number text s is written with, taking an exponent into account. A
// huge exponent counts as too many.
func decimals(s string) int {
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	e := 0
	if hasExp {
		if digits := strings.TrimLeft(exp, "+-"); len(digits) > 6 {
			if strings.HasPrefix(exp, "-") {
				return math.MaxInt32 // far more than 6
			}
			return 0
		}
		e, _ = strconv.Atoi(strings.TrimPrefix(exp, "+"))
	}
	frac := 0
	if _, after, ok := strings.Cut(mant, "."); ok {
		frac = len(after)
	}
	return max(frac-e, 0)
}

// parseInt reads an integer literal (not 1.0, not 1e2).
func parseInt(n json.Number) (int64, error) {
	return strconv.ParseInt(n.String(), 10, 64)
}

// Member-name checks of open objects: each returns a message or "".

// snakeCaseKey: aws keys match [a-z0-9_]+.
func snakeCaseKey(k string) string {
	for i := 0; i < len(k); i++ {
		if !('a' <= k[i] && k[i] <= 'z' || '0' <= k[i] && k[i] <= '9' || k[i] == '_') {
			return "key " + quote(k) + " is not snake_case; aws keys match [a-z0-9_]+, e.g. table_name"
		}
	}
	if k == "" {
		return "key \"\" is not snake_case; aws keys match [a-z0-9_]+, e.g. table_name"
	}
	return ""
}

// annotationKey: ^[A-Za-z0-9_]{1,maxAnnotationKeyLen}$.
func annotationKey(k string) string {
	ok := k != "" && len(k) <= maxAnnotationKeyLen
	for i := 0; ok && i < len(k); i++ {
		b := k[i]
		ok = 'a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_'
	}
	if ok {
		return ""
	}
	return "key " + quote(k) + " is not 1 to " + strconv.Itoa(maxAnnotationKeyLen) + " characters of [A-Za-z0-9_]; X-Ray silently drops it"
}

// metadataNamespace: AWS.* is reserved.
func metadataNamespace(k string) string {
	if strings.HasPrefix(k, "AWS.") {
		return "namespace " + quote(k) + " is reserved (AWS.*); use another namespace, e.g. \"default\""
	}
	return ""
}

// formatSQLURL checks sql.url. The OpenTelemetry Collector's X-Ray
// receiver splits it into a connection URL and a database name and drops
// the whole document, every subsegment with it, when it cannot: url must
// be scheme://host[:port]/database[?params] on one line. A connection
// string that is not such a URL belongs in sql.connection_string.
func formatSQLURL(c *checker, p *path, rule Rule, v any) {
	s, ok := v.(string)
	switch {
	case !ok:
		c.addf(rule, p, "%s is %s; it must be a string", p.name(), describe(v))
	case scrub.Contains(s, true):
		c.add(rule, p, secretMessage)
	case !sqlURLShape(s):
		c.addf(rule, p, "url %s is not scheme://host/database; the Collector's X-Ray receiver drops such documents whole. "+
			"Put connection strings that are not URLs (and URLs without a database) in sql.connection_string", quote(s))
	}
}

// secretMessage is the problem of a value that holds a credential.
const secretMessage = "value contains a password or secret; strip it (user:password@ in URLs, password= and token= settings)"

// sqlURLShape reports whether s is what the Collector can split: text
// before a "//", at least one character after it, then a '/' followed by a
// database name that does not start with '?'; no line break before that
// name ends, nor in the query after it.
func sqlURLShape(s string) bool {
	i := strings.Index(s[min(len(s), 1):], "//") + 1
	if i < 1 || strings.ContainsRune(s[:i], '\n') {
		return false
	}
	rest := s[i+2:]
	for j := 1; j < len(rest)-1; j++ {
		if rest[j-1] == '\n' {
			return false // the authority ends at a line break
		}
		if rest[j] != '/' || rest[j+1] == '?' {
			continue
		}
		name := rest[j+1:]
		if q := strings.IndexByte(name, '?'); q >= 0 {
			name, rest = name[:q], name[q:]
		} else {
			rest = ""
		}
		if name != "" && !strings.ContainsRune(rest, '\n') {
			return true
		}
	}
	return false
}
