package wire

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/internal/scrub"
)

// valueCache remembers, for one OTLPPacker, what is the same for most spans
// of a batch: which attribute keys name credentials, and the last string
// slices read. A nil *valueCache remembers nothing. Both are bounded.
type valueCache struct {
	creds map[string]bool
	lists [4]stringList
	next  int
}

// stringList is one STRINGSLICE value and its strings.
type stringList struct {
	v  attribute.Value
	ss []string
}

// maxCachedCreds bounds the keys remembered: spans with ever-changing keys
// cost a lookup each, never unbounded memory.
const maxCachedCreds = 256

// scrub is scrub.Value with the credential key remembered.
func (c *valueCache) scrub(k, v string) string {
	if c == nil {
		return scrub.Value(k, v)
	}
	if v == "" {
		return v
	}
	cred, ok := c.creds[k]
	if !ok {
		cred = scrub.CredentialKey(k)
		if len(c.creds) < maxCachedCreds {
			if c.creds == nil {
				c.creds = make(map[string]bool)
			}
			c.creds[k] = cred
		}
	}
	if cred {
		return scrub.Redacted
	}
	return scrub.Redact(v)
}

// strings returns the strings of v, a STRINGSLICE value, not to be modified.
// Reading them copies them, so the lists read last are compared first.
func (c *valueCache) strings(v attribute.Value) []string {
	if c == nil || v.Type() != attribute.STRINGSLICE {
		return v.AsStringSlice()
	}
	for i := range c.lists {
		// Values of type STRINGSLICE hold comparable arrays of strings.
		if l := &c.lists[i]; l.ss != nil && l.v == v {
			return l.ss
		}
	}
	ss := v.AsStringSlice()
	c.lists[c.next] = stringList{v: v, ss: ss}
	c.next = (c.next + 1) % len(c.lists)
	return ss
}
