package wire

import (
	"strings"
	"testing"

	"github.com/otelxray/otelxray/segment"
)

// TestNameBytes holds plainName's byte table against segment.SanitizeName:
// a byte is in the table exactly when SanitizeName keeps it, unchanged,
// inside a name, and JSON does not escape it (the backslash).
func TestNameBytes(t *testing.T) {
	for c := range 256 {
		s := "a" + string([]byte{byte(c)}) + "a"
		if got, want := nameBytes[c], segment.SanitizeName(s) == s && c != '\\'; got != want {
			t.Errorf("byte %#x: in the table %v, SanitizeName keeps it %v", c, got, want)
		}
	}
}

// TestPlainName checks that every name plainName passes is one
// SanitizeName returns as it is and appendString copies as it is.
func TestPlainName(t *testing.T) {
	names := []string{"", " ", "a", " a", "a ", "a b", "DynamoDB", "GET /orders/{id}", "x\x00", "é", "a\"b", `a\b`,
		strings.Repeat("n", segment.MaxNameLen), strings.Repeat("n", segment.MaxNameLen+1), "_.:/%&#=+-@", "\t", "a\tb"}
	for c := range 256 {
		names = append(names, "ab"+string([]byte{byte(c)})+"cd")
	}
	for _, s := range names {
		if !plainName(s) {
			continue
		}
		if got := segment.SanitizeName(s); got != s {
			t.Errorf("plainName(%q) but SanitizeName gives %q", s, got)
		}
		if got, want := string(appendString(nil, s, segment.MaxNameLen)), `"`+s+`"`; got != want {
			t.Errorf("plainName(%q) but appendString gives %s", s, got)
		}
	}
}
