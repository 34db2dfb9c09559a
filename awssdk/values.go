package awssdk

import (
	"math"
	"reflect"
	"slices"

	"go.opentelemetry.io/otel/attribute"
)

// append records the rule's parameter of the struct v, if it has a value.
func (r *compiledRule) append(dst []attribute.KeyValue, v reflect.Value) []attribute.KeyValue {
	if r.kind == kindCollect {
		return r.appendCollected(dst, v)
	}
	f := v.Field(r.index)
	switch r.kind {
	case kindValue:
		if val, ok := scalarValue(f); ok {
			dst = append(dst, attribute.KeyValue{Key: r.key, Value: val})
		}
	case kindKeys:
		if f.Len() > 0 {
			dst = append(dst, r.key.StringSlice(mapKeys(f)))
		}
	case kindCount:
		dst = append(dst, r.key.Int(f.Len()))
	case kindCapacity:
		if units, ok := capacityUnits(f, r.capIndex); ok {
			dst = append(dst, r.key.Float64(units))
		}
	}
	return dst
}

// scalarValue converts a scalar, a pointer to one, or a list of strings. A
// nil pointer, an empty list and the zero value of a field that is not a
// pointer (unset, in SDK v2 inputs) give nothing.
func scalarValue(f reflect.Value) (attribute.Value, bool) {
	ptr := f.Kind() == reflect.Pointer
	if ptr {
		if f.IsNil() {
			return attribute.Value{}, false
		}
		f = f.Elem()
	}
	if !ptr && f.Kind() != reflect.Slice && f.IsZero() {
		return attribute.Value{}, false
	}
	switch f.Kind() {
	case reflect.String:
		if f.Len() == 0 {
			return attribute.Value{}, false
		}
		return attribute.StringValue(f.String()), true
	case reflect.Bool:
		return attribute.BoolValue(f.Bool()), true
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		return attribute.Int64Value(f.Int()), true
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		if u := f.Uint(); u <= math.MaxInt64 {
			return attribute.Int64Value(int64(u)), true
		}
	case reflect.Float32, reflect.Float64:
		return attribute.Float64Value(f.Float()), true
	case reflect.Slice:
		n := min(f.Len(), maxListValues)
		if n == 0 {
			return attribute.Value{}, false
		}
		ss := make([]string, n)
		for i := range n {
			ss[i] = f.Index(i).String()
		}
		return attribute.StringSliceValue(ss), true
	}
	return attribute.Value{}, false
}

func mapKeys(m reflect.Value) []string {
	keys := make([]string, 0, min(m.Len(), maxListValues))
	it := m.MapRange()
	for it.Next() {
		keys = append(keys, it.Key().String())
	}
	slices.Sort(keys)
	if len(keys) > maxListValues {
		keys = keys[:maxListValues]
	}
	return keys
}

// capacityUnits sums CapacityUnits over a ConsumedCapacity struct, a pointer
// to one, or a list of them.
func capacityUnits(v reflect.Value, idx int) (float64, bool) {
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return 0, false
		}
		v = v.Elem()
	}
	switch v.Kind() {
	case reflect.Slice:
		var sum float64
		found := false
		for i := range min(v.Len(), maxVisited) {
			if u, ok := capacityUnits(v.Index(i), idx); ok {
				sum += u
				found = true
			}
		}
		return sum, found
	case reflect.Struct:
		u := v.Field(idx)
		if u.Kind() == reflect.Pointer {
			if u.IsNil() {
				return 0, false
			}
			u = u.Elem()
		}
		return u.Float(), true
	}
	return 0, false
}

func (r *compiledRule) appendCollected(dst []attribute.KeyValue, v reflect.Value) []attribute.KeyValue {
	var c collector
	c.missing = r.missing
	for _, path := range r.paths {
		c.walk(v, path)
	}
	switch {
	case len(c.out) == 0:
		return dst
	case len(c.out) == 1 && r.many != "":
		return append(dst, r.key.String(c.out[0]))
	case r.many != "":
		return append(dst, r.many.StringSlice(c.out))
	}
	return append(dst, r.key.StringSlice(c.out))
}

// collector gathers distinct strings along a path, in the order found.
type collector struct {
	out     []string
	missing string
	visited int
}

func (c *collector) walk(v reflect.Value, path []int) {
	if c.visited >= maxVisited || len(c.out) >= maxCollected {
		return
	}
	c.visited++
	for v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface {
		if v.IsNil() {
			if len(path) == 0 {
				c.add(c.missing)
			}
			return
		}
		v = v.Elem()
	}
	switch {
	case v.Kind() == reflect.Slice:
		for i := 0; i < v.Len() && c.visited < maxVisited; i++ {
			c.walk(v.Index(i), path)
		}
	case len(path) == 0:
		if v.Kind() == reflect.String {
			s := v.String()
			if s == "" {
				s = c.missing
			}
			c.add(s)
		}
	case v.Kind() == reflect.Struct:
		c.walk(v.Field(path[0]), path[1:])
	}
}

func (c *collector) add(s string) {
	if s != "" && len(c.out) < maxCollected && !slices.Contains(c.out, s) {
		c.out = append(c.out, s)
	}
}
