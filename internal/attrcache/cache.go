package attrcache

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/internal/scrub"
)

// MaxKeys bounds the keys a Credentials remembers: spans with hostile,
// ever-changing attribute keys cost a lookup each, never unbounded memory.
const MaxKeys = 256

// Credentials is scrub.CredentialKey, remembered for at most MaxKeys
// attribute keys. The zero value is ready.
type Credentials struct {
	m map[string]bool
}

// Is reports scrub.CredentialKey(k).
func (c *Credentials) Is(k string) bool {
	if v, ok := c.m[k]; ok {
		return v
	}
	v := scrub.CredentialKey(k)
	if len(c.m) < MaxKeys {
		if c.m == nil {
			c.m = make(map[string]bool)
		}
		c.m[k] = v
	}
	return v
}

// Lists remembers the last four STRINGSLICE values read and their strings.
// The zero value is ready.
type Lists struct {
	l    [4]list
	next int // the entry replaced on the next miss
}

// list is one STRINGSLICE value and its strings.
type list struct {
	v  attribute.Value
	ss []string
}

// Strings returns the strings of v, a STRINGSLICE value; they must not be
// modified. Reading them copies them, so the lists read last are compared
// first.
func (c *Lists) Strings(v attribute.Value) []string {
	if v.Type() != attribute.STRINGSLICE {
		return v.AsStringSlice()
	}
	for i := range c.l {
		// Values of type STRINGSLICE hold comparable arrays of strings.
		if l := &c.l[i]; l.ss != nil && l.v == v {
			return l.ss
		}
	}
	ss := v.AsStringSlice()
	c.l[c.next] = list{v: v, ss: ss}
	c.next = (c.next + 1) % len(c.l)
	return ss
}
