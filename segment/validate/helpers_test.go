package validate

import (
	"encoding/json"
	"errors"
	"strings"
)

// testHeader is the header line and its newline.
const testHeader = headerLine + "\n"

// hasProblem reports whether err is a *Error with a problem of the
// given rule at the given field.
func hasProblem(err error, rule, field string) bool {
	var verr *Error
	if !errors.As(err, &verr) {
		return false
	}
	for _, p := range verr.Problems {
		if p.Rule == Rule(rule) && p.Field == field {
			return true
		}
	}
	return false
}

// del as a value in set removes the key.
var del = new(int)

// set returns a modification that sets (or, with del, removes) the
// given key/value pairs.
func set(kv ...any) func(map[string]any) {
	return func(m map[string]any) {
		for i := 0; i+1 < len(kv); i += 2 {
			k := kv[i].(string)
			if kv[i+1] == del {
				delete(m, k)
				continue
			}
			m[k] = kv[i+1]
		}
	}
}

// segmentDoc returns a minimal valid segment, modified.
func segmentDoc(mods ...func(map[string]any)) map[string]any {
	m := map[string]any{
		"name":       "checkout",
		"id":         "70de5b6f19ff9a0a",
		"trace_id":   "1-5759e988-bd862e3fe1be46a994272793",
		"start_time": json.Number("1700000000.123456"),
		"end_time":   json.Number("1700000000.5"),
	}
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// nested returns a minimal valid nested subsegment, modified.
func nested(mods ...func(map[string]any)) map[string]any {
	m := map[string]any{
		"name":       "DynamoDB",
		"id":         "2222222222222222",
		"start_time": json.Number("1700000000.2"),
		"end_time":   json.Number("1700000000.3"),
	}
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// independentDoc returns a minimal valid independent subsegment, modified.
func independentDoc(mods ...func(map[string]any)) map[string]any {
	m := nested(set(
		"type", "subsegment",
		"trace_id", "1-5759e988-bd862e3fe1be46a994272793",
		"parent_id", "70de5b6f19ff9a0a",
	))
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// jsonOf encodes a document compactly.
func jsonOf(m map[string]any) string {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// dgram is a datagram with the segment built from mods.
func dgram(mods ...func(map[string]any)) string {
	return testHeader + jsonOf(segmentDoc(mods...))
}

// sub is a datagram with a segment whose only subsegment is built from
// mods.
func sub(mods ...func(map[string]any)) string {
	return dgram(set("subsegments", []any{nested(mods...)}))
}

// indep is a datagram with an independent subsegment built from mods.
func indep(mods ...func(map[string]any)) string {
	return testHeader + jsonOf(independentDoc(mods...))
}

// padded returns a valid datagram of exactly n bytes, padded in metadata
// (which has no length limit).
func padded(n int) string {
	base := dgram(set("metadata", map[string]any{"default": map[string]any{"pad": ""}}))
	return strings.Replace(base, `"pad":""`, `"pad":"`+strings.Repeat("x", n-len(base))+`"`, 1)
}

// testCase is one input with the problems it must (or must not) produce.
type testCase struct {
	name string
	in   string
	via  string // "" Validate, "datagram" Datagram, "document" Document
	ok   bool
	want [][2]string // rule, field
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

var minimalDoc = jsonOf(segmentDoc())
