package wire

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/internal/attrcache"
	"github.com/otelxray/otelxray/internal/scrub"
)

// valueCache remembers, for one OTLPPacker, what is the same for most spans
// of a batch: which attribute keys name credentials, and the last string
// slices read. A nil *valueCache remembers nothing. Both are bounded.
type valueCache struct {
	creds attrcache.Credentials
	lists attrcache.Lists
}

// scrub is scrub.Value with the credential key remembered.
func (c *valueCache) scrub(k, v string) string {
	if c == nil {
		return scrub.Value(k, v)
	}
	if v == "" {
		return v
	}
	if c.creds.Is(k) {
		return scrub.Redacted
	}
	return scrub.Redact(v)
}

// strings returns the strings of v, a STRINGSLICE value, not to be modified.
func (c *valueCache) strings(v attribute.Value) []string {
	if c == nil {
		return v.AsStringSlice()
	}
	return c.lists.Strings(v)
}
