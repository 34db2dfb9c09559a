package dogstatsd

import (
	"strings"
	"testing"

	"github.com/otelxray/otelxray/internal/scrub/scrubtest"
)

// TestNoCredentialInTheLine: a credential in a name or a tag, bare, as a
// tag value or under a credential key, does not reach the line, neither
// as it was nor with its characters sanitized.
func TestNoCredentialInTheLine(t *testing.T) {
	for _, c := range scrubtest.Corpus {
		m := Metric{Name: "m " + c.In, Value: 1, Type: Count, Tags: []string{c.In, "k:" + c.In, "password:" + c.In}}
		line, err := Append(nil, m)
		if err != nil {
			t.Errorf("%s: %v", c.Name, err)
			continue
		}
		for _, secret := range c.Secrets {
			for _, form := range []string{secret, sanitizeName(secret), replaceTagBytes(secret)} {
				if strings.Contains(string(line), form) {
					t.Errorf("%s: %q in %q", c.Name, form, line)
				}
			}
		}
	}
}
