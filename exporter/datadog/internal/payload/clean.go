package payload

import (
	"strings"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub"
)

// maxValueLen bounds meta values, as Datadog's agent truncates them anyway.
const maxValueLen = 25000

// clean is cut for a value that may come from the user's data (meta
// values, resources, error messages): its credentials are removed first
// (scrub.Redact), while the whole value is there to be recognised.
func clean(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return cut(scrub.Redact(s))
}

// cleanValue is clean for the value of the attribute k: scrub.Value, so
// that a key naming a credential sends REDACTED.
func cleanValue(k, s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return cut(scrub.Value(k, s))
}

// cut makes s valid UTF-8 (as the agent would) and bounds its length.
func cut(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= maxValueLen {
		return s
	}
	i := maxValueLen
	for i > 0 && s[i]&0xC0 == 0x80 { // not in the middle of a UTF-8 sequence
		i--
	}
	return s[:i]
}
