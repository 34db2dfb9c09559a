package dogstatsd

import (
	"errors"
	"fmt"
	"math"
	"strings"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub"
)

// Type is a DogStatsD metric type.
type Type string

// The metric types the encoder writes: the ones the Datadog Lambda
// Extension accepts. Parse also reads Timer and Histogram.
const (
	Count        Type = "c"
	Gauge        Type = "g"
	Distribution Type = "d"
	Timer        Type = "ms"
	Histogram    Type = "h"
)

// Metric is one DogStatsD point.
type Metric struct {
	Name  string
	Value float64
	Type  Type
	Tags  []string
	// Timestamp is the point's time in Unix seconds; 0 means "when
	// received".
	Timestamp int64
}

// MaxNameLen and MaxTagLen bound a name and a tag, in bytes (Datadog's
// limit is 200 characters).
const (
	MaxNameLen = 200
	MaxTagLen  = 200
)

// Errors Sanitize returns.
var (
	ErrName  = errors.New("dogstatsd: a metric name must start with an ASCII letter")
	ErrValue = errors.New("dogstatsd: a metric value must be a finite number (not NaN or ±Inf)")
	ErrType  = errors.New("dogstatsd: the metric type must be c (count), g (gauge) or d (distribution)")
	ErrTime  = errors.New("dogstatsd: a metric timestamp must be Unix seconds, not negative")
)

// Sanitize returns m as it is encoded: name and tags made safe (see the
// package doc), empty tags left out. It returns an error for a metric that
// cannot be sent.
func Sanitize(m Metric) (Metric, error) { return sanitize(m, SanitizeTag) }

// sanitize is Sanitize with tags made safe by tag (SanitizeTag, or a
// cached form of it).
func sanitize(m Metric, tag func(string) string) (Metric, error) {
	switch m.Type {
	case Count, Gauge, Distribution:
	default:
		return Metric{}, fmt.Errorf("%w, not %q", ErrType, cut(string(m.Type), 8))
	}
	if math.IsNaN(m.Value) || math.IsInf(m.Value, 0) {
		return Metric{}, ErrValue
	}
	if m.Timestamp < 0 {
		return Metric{}, ErrTime
	}
	m.Name = sanitizeName(scrub.Redact(m.Name))
	if m.Name == "" || !isLetter(m.Name[0]) {
		return Metric{}, fmt.Errorf("%w: %q", ErrName, cut(m.Name, 40))
	}
	clean := true
	for _, t := range m.Tags {
		if s := tag(t); s == "" || s != t {
			clean = false
			break
		}
	}
	if !clean {
		tags := make([]string, 0, len(m.Tags))
		for _, t := range m.Tags {
			if s := tag(t); s != "" {
				tags = append(tags, s)
			}
		}
		m.Tags = tags
	}
	return m, nil
}

func isLetter(c byte) bool { return c|0x20 >= 'a' && c|0x20 <= 'z' }

func nameByte(c byte) bool {
	return isLetter(c) || c >= '0' && c <= '9' || c == '_' || c == '.'
}

// sanitizeName keeps ASCII letters, digits, '_' and '.'; every other
// character (or invalid byte) becomes one '_'. It is cut at MaxNameLen.
func sanitizeName(s string) string {
	ok := len(s) <= MaxNameLen
	for i := 0; ok && i < len(s); i++ {
		ok = nameByte(s[i])
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(min(len(s), MaxNameLen))
	for i := 0; i < len(s) && b.Len() < MaxNameLen; {
		if nameByte(s[i]) {
			b.WriteByte(s[i])
			i++
			continue
		}
		_, n := utf8.DecodeRuneInString(s[i:])
		b.WriteByte('_')
		i += n
	}
	return b.String()
}

// SanitizeTag returns t as it is sent: its value (after the first ':')
// scrubbed of credentials, a value under a credential key (password:...)
// replaced, characters that would break the datagram or a Datadog tag
// ('|', ',', '#', spaces, control characters, invalid UTF-8) turned to
// '_', and cut at MaxTagLen on a character boundary.
func SanitizeTag(t string) string {
	s := scrubTag(t)
	if r := replaceTagBytes(s); r != s {
		// Replacing may join what the scrubber saw apart ("pw=\nx").
		s = replaceTagBytes(scrubTag(r))
	}
	if len(s) > MaxTagLen {
		n := MaxTagLen
		for n > 0 && !utf8.RuneStart(s[n]) {
			n--
		}
		s = s[:n]
	}
	return s
}

// scrubTag scrubs the value of key:value (replaced whole under a
// credential key), then the whole tag, since the first ':' may belong to
// the secret ("app:pw@tcp(db)/x").
func scrubTag(t string) string {
	if k, v, ok := strings.Cut(t, ":"); ok {
		if sv := scrub.Value(k, v); sv != v {
			t = k + ":" + sv
		}
	}
	return scrub.Redact(t)
}

func badTagRune(r rune) bool {
	return r == '|' || r == ',' || r == '#' || r == ' ' || r < 0x20 || r == 0x7f ||
		r == utf8.RuneError || r == '\u0085' || r == '\u2028' || r == '\u2029' || (r >= 0x80 && r < 0xa0)
}

func replaceTagBytes(s string) string {
	ok := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == 0x7f || c == '|' || c == ',' || c == '#' || c == ' ' || c >= 0x80 {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if badTagRune(r) {
			b.WriteByte('_')
		} else {
			b.WriteString(s[i : i+n])
		}
		i += n
	}
	return b.String()
}

func cut(s string, n int) string {
	if len(s) > n {
		return s[:n] + "..."
	}
	return s
}
