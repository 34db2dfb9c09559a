package validate

import (
	"maps"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub"
)

// document checks one (sub)segment document. p is its JSON path (nil for
// the top-level document); top tells whether it was sent on its own rather
// than nested in a subsegments array.
func (c *checker) document(p *path, m map[string]any, top bool) {
	d := docKind{top: top, sub: !top || m["type"] == "subsegment"}
	c.object(p, RuleField, &documentSchema, m, true, d)
}

// value checks v, found at p, against s. rule is the rule in force; limit
// says whether the document-wide string length limit applies.
func (c *checker) value(p *path, rule Rule, s *spec, v any, limit bool) {
	if s.rule != "" {
		rule = s.rule
	}
	limit = limit && !s.unlimited
	if !s.matches(v) && s.alt != nil && s.alt.matches(v) {
		c.value(p, rule, s.alt, v, limit)
		return
	}
	if s.format != nil {
		s.format(c, p, rule, v)
		c.lengths(p, v, limit)
		return
	}
	if !s.matches(v) {
		c.addf(rule, p, "%s is %s; it must be %s", p.name(), describe(v), s.want)
		c.lengths(p, v, limit)
		return
	}
	switch s.kind {
	case stringValue, scalarValue:
		if str, ok := v.(string); ok {
			c.str(p, rule, s, str, limit)
		}
	case objectValue:
		if s.obj != nil {
			c.object(p, rule, s.obj, v.(map[string]any), limit, docKind{})
		} else {
			c.lengths(p, v, limit)
		}
	case arrayValue:
		a := v.([]any)
		if s.maxItems > 0 && len(a) > s.maxItems {
			c.addf(rule, p, "%s has %d elements, more than the %d allowed", p.name(), len(a), s.maxItems)
		}
		for i, e := range a {
			ep := path{parent: p, idx: i}
			c.value(&ep, rule, s.elem, e, limit)
		}
	case documentValue:
		c.document(p, v.(map[string]any), false)
	case anyValue:
		c.lengths(p, v, limit)
	}
}

// str checks a string against its spec's length, values and secrets.
func (c *checker) str(p *path, rule Rule, s *spec, v string, limit bool) {
	switch {
	case s.maxLen > 0:
		if n := utf8.RuneCountInString(v); n > s.maxLen {
			c.addf(rule, p, "%s has %d characters, more than %d", p.name(), n, s.maxLen)
		}
	case limit:
		c.lengths(p, v, true)
	}
	if s.oneOf != nil && !slices.Contains(s.oneOf, v) {
		c.addf(rule, p, "%s is %s; it must be %s", p.name(), quote(v), s.wanted())
	}
	if s.noSecret && scrub.Contains(v, true) {
		c.add(rule, p, secretMessage)
	}
}

// wanted is what s wants, for messages: its want, or its allowed values.
func (s *spec) wanted() string {
	switch {
	case s.want != "":
		return s.want
	case len(s.oneOf) == 2:
		return `"` + s.oneOf[0] + `" or "` + s.oneOf[1] + `"`
	default:
		return "one of " + strings.Join(s.oneOf, ", ")
	}
}

// object checks the members of m against o.
func (c *checker) object(p *path, rule Rule, o *object, m map[string]any, limit bool, d docKind) {
	known := 0
	for i := range o.fields {
		if _, ok := m[o.fields[i].key]; ok {
			known++
		}
	}
	if known < len(m) {
		c.others(p, rule, o, m, limit, d)
	}
	for i := range o.fields {
		f := &o.fields[i]
		if _, ok := m[f.key]; !ok && f.required {
			c.missingField(p, rule, o, f.key, d)
		}
	}
	for i := range o.fields {
		f := &o.fields[i]
		v, ok := m[f.key]
		if !ok {
			continue
		}
		fp := path{parent: p, key: f.key}
		r := rule
		if f.rule != "" {
			r = f.rule
		}
		if where := f.only; where == segmentsOnly && d.sub || where == subsegmentsOnly && !d.sub {
			c.addf(r, &fp, "%s is only allowed on %s", f.key, where.allowedOn())
			continue
		}
		c.value(&fp, r, f.spec, v, limit)
	}
	for _, check := range o.checks {
		check(c, p, m, d)
	}
}

// others checks the members of m that o has no field for, in key order.
func (c *checker) others(p *path, rule Rule, o *object, m map[string]any, limit bool, d docKind) {
	for _, k := range slices.Sorted(maps.Keys(m)) {
		if o.lookup(k) != nil {
			continue
		}
		kp := path{parent: p, key: k}
		if o.key != nil {
			if msg := o.key(k); msg != "" {
				c.add(rule, &kp, msg)
			}
		}
		if o.other != nil {
			c.value(&kp, rule, o.other, m[k], limit)
			continue
		}
		r := rule
		if o.unknown != "" {
			r = o.unknown
		}
		if o.noun == "" {
			c.addf(r, &kp, "unknown field %s in %s document", quote(k), o.nounFor(d))
		} else {
			keys := make([]string, len(o.fields))
			for i, f := range o.fields {
				keys[i] = f.key
			}
			c.addf(r, &kp, "unknown key %s; %s has %s", quote(k), o.noun, list(keys))
		}
		c.lengths(&kp, m[k], limit)
	}
}

// missingField reports the required field key missing from an object.
func (c *checker) missingField(p *path, rule Rule, o *object, key string, d docKind) {
	if o.missing != "" {
		rule = o.missing
	}
	noun, needs := o.nounFor(d), o.needs
	if needs == "" {
		var keys []string
		for _, f := range o.fields {
			if f.required {
				keys = append(keys, f.key)
			}
		}
		needs = list(keys)
	}
	c.addf(rule, &path{parent: p, key: key}, "missing; %s needs %s", noun, needs)
}

// nounFor names o in messages: its noun, or for the document "a segment"
// or "a subsegment".
func (o *object) nounFor(d docKind) string {
	switch {
	case o.noun != "":
		return o.noun
	case d.sub:
		return "a subsegment"
	default:
		return "a segment"
	}
}

// allowedOn names the documents a scope allows.
func (s scope) allowedOn() string {
	if s == segmentsOnly {
		return "segments"
	}
	return "subsegments"
}

// lengths reports every string in v longer than maxStringLen, when limit
// is set. Keys are visited in order only when there is something to
// report, so that the common case costs one unsorted pass.
func (c *checker) lengths(p *path, v any, limit bool) {
	if !limit || !tooLong(v) {
		return
	}
	switch x := v.(type) {
	case string:
		c.addf(RuleStringLength, p, "string has %d characters, more than %d", utf8.RuneCountInString(x), maxStringLen)
	case map[string]any:
		for _, k := range slices.Sorted(maps.Keys(x)) {
			c.lengths(&path{parent: p, key: k}, x[k], true)
		}
	case []any:
		for i, e := range x {
			c.lengths(&path{parent: p, idx: i}, e, true)
		}
	}
}

// tooLong reports whether v holds a string longer than maxStringLen.
func tooLong(v any) bool {
	switch x := v.(type) {
	case string:
		// Cheap pre-check: a string has no more runes than bytes.
		return len(x) > maxStringLen && utf8.RuneCountInString(x) > maxStringLen
	case map[string]any:
		for _, e := range x {
			if tooLong(e) {
				return true
			}
		}
	case []any:
		for _, e := range x {
			if tooLong(e) {
				return true
			}
		}
	}
	return false
}
