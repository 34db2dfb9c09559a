package xraylocal

import (
	"encoding/json"
	"math/bits"
)

// maxJSONDepth bounds the nesting of a document's JSON (objects and
// arrays). A document nested deeper is left out before it is decoded:
// decoding costs memory and time per level. Subsegments nested maxDepth
// deep take about 2*maxDepth levels.
const maxJSONDepth = 4 * maxDepth

// jsonDepth returns the deepest nesting of objects and arrays in b, or
// stops and returns limit+1 as soon as it goes past limit. Brackets in
// strings do not count.
func jsonDepth(b []byte, limit int) int {
	depth, deepest := 0, 0
	inString, escaped := false, false
	for _, c := range b {
		switch {
		case inString:
			switch {
			case escaped:
				escaped = false
			case c == '\\':
				escaped = true
			case c == '"':
				inString = false
			}
		case c == '"':
			inString = true
		case c == '{' || c == '[':
			depth++
			if depth > deepest {
				deepest = depth
				if deepest > limit {
					return deepest
				}
			}
		case c == '}' || c == ']':
			depth--
		}
	}
	return deepest
}

// Estimates of what decoded JSON takes on the heap (64-bit), erring on
// the high side: an interface's string header or slice header is boxed,
// a slice grows past its length, a map's slots are 16-byte keys and values
// in groups of 8 with a control word, filled to at most 7/8.
const (
	ifaceBox    = 16 // a string (json.Number) stored in an interface
	sliceBox    = 24 // a slice stored in an interface
	mapHeader   = 48
	mapGroup    = 8 + 8*32
	allocRound  = 8
	stringCost0 = 16 // a string header outside an interface
)

// valueCost estimates the heap bytes a decoded JSON value holds (beyond
// the interface slot that refers to it).
func valueCost(v any) int64 {
	switch v := v.(type) {
	case string:
		return ifaceBox + roundUp(len(v))
	case json.Number:
		return ifaceBox + roundUp(len(v))
	case []any:
		n := int64(sliceBox) + sliceSlots(len(v))*16
		for _, e := range v {
			n += valueCost(e)
		}
		return n
	case map[string]any:
		return mapCost(v)
	}
	return 0 // bool and nil are not allocated
}

// mapCost estimates a decoded object with its keys and values.
func mapCost(m map[string]any) int64 {
	if m == nil {
		return 0
	}
	groups := int64(1)
	if len(m) > 8 {
		// Grown one key at a time, a map may hold up to twice the slots
		// its load factor needs.
		slots := uint(len(m) * 2)
		groups = int64(1) << bits.Len(slots-1) / 8
	}
	n := mapHeader + groups*mapGroup
	for k, v := range m {
		n += roundUp(len(k)) + valueCost(v)
	}
	return n
}

// sliceSlots estimates the capacity append gives a slice of n elements.
func sliceSlots(n int) int64 {
	if n < 256 {
		return int64(2 * n)
	}
	return int64(n) * 3 / 2
}

func roundUp(n int) int64 {
	return int64((n + allocRound - 1) / allocRound * allocRound)
}

// spanRetained estimates what a parsed span holds beyond spanCost: its
// strings and the objects kept as decoded (aws, sql, annotations,
// metadata).
func spanRetained(s *Span) int64 {
	n := mapCost(s.AWS) + mapCost(s.SQL) + mapCost(s.Annotations) + mapCost(s.Metadata)
	for _, str := range []string{s.ID, s.ParentID, s.Name, s.Kind, s.Origin, s.Namespace} {
		n += roundUp(len(str))
	}
	if s.HTTP != nil {
		n += 64 + roundUp(len(s.HTTP.Method)) + roundUp(len(s.HTTP.URL))
	}
	for _, e := range s.Exceptions {
		n += 48 + roundUp(len(e.Type)) + roundUp(len(e.Message))
	}
	return n
}
