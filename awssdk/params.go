package awssdk

import (
	"reflect"
	"strings"
	"sync"

	"go.opentelemetry.io/otel/attribute"
)

// Bounds on what one parameter can cost.
const (
	maxListValues = 100 // strings kept from a list, keys from a map
	maxCollected  = 50  // distinct values kept by a kindCollect rule
	maxVisited    = 1000
)

// params extracts the parameters of calls, with the rules of each input and
// output type compiled once and cached.
type params struct {
	whitelist *Whitelist // nil: the X-Ray SDK's, loaded on first use
	req, resp sync.Map   // reflect.Type -> *compiledOp
}

type compiledOp struct{ rules []compiledRule }

// compiledRule is a rule resolved against a struct type.
type compiledRule struct {
	rule
	index    int     // the field, for all kinds but kindCollect
	paths    [][]int // kindCollect: field indexes along each path
	capIndex int     // kindCapacity: CapacityUnits in the element struct
}

// request appends the recorded parameters of a call's input to dst.
func (p *params) request(dst []attribute.KeyValue, service, op string, in any) []attribute.KeyValue {
	return p.cached(&p.req, service, op, in, false).extract(dst, in)
}

// response appends the recorded parameters of a call's output to dst.
func (p *params) response(dst []attribute.KeyValue, service, op string, out any) []attribute.KeyValue {
	return p.cached(&p.resp, service, op, out, true).extract(dst, out)
}

// cached returns the rules compiled for v's type, compiling them on first
// use. Every input and output type belongs to one operation.
func (p *params) cached(cache *sync.Map, service, op string, v any, resp bool) *compiledOp {
	if v == nil {
		return nil
	}
	t := reflect.TypeOf(v)
	if c, ok := cache.Load(t); ok {
		return c.(*compiledOp)
	}
	c, _ := cache.LoadOrStore(t, p.compile(service, op, t, resp))
	return c.(*compiledOp)
}

// extract appends the parameters of v, a struct or a pointer to one.
func (co *compiledOp) extract(dst []attribute.KeyValue, v any) []attribute.KeyValue {
	if co == nil || len(co.rules) == 0 || v == nil {
		return dst
	}
	rv := reflect.ValueOf(v)
	for rv.Kind() == reflect.Pointer {
		if rv.IsNil() {
			return dst
		}
		rv = rv.Elem()
	}
	if rv.Kind() != reflect.Struct {
		return dst
	}
	for i := range co.rules {
		dst = co.rules[i].append(dst, rv)
	}
	return dst
}

func (p *params) compile(service, op string, t reflect.Type, resp bool) *compiledOp {
	w := p.whitelist
	if w == nil {
		w = defaultWhitelist()
	}
	rs := rulesFor(w, service, op)
	list := rs.req
	if resp {
		list = rs.resp
	}
	for t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	co := &compiledOp{}
	if t.Kind() != reflect.Struct {
		return co
	}
	for _, r := range list {
		c := compiledRule{rule: r}
		if r.kind == kindCollect {
			for _, path := range r.paths {
				if idx, ok := compilePath(t, strings.Split(path, ".")); ok {
					c.paths = append(c.paths, idx)
				}
			}
			if len(c.paths) > 0 {
				co.rules = append(co.rules, c)
			}
			continue
		}
		f, ok := t.FieldByName(r.field)
		if !ok || len(f.Index) != 1 || !f.IsExported() || r.kind == kindValue && contentFields[r.field] {
			continue
		}
		c.index = f.Index[0]
		if c.capIndex, ok = recordable(f.Type, r.kind); ok {
			co.rules = append(co.rules, c)
		}
	}
	return co
}

// contentFields are fields that hold what a call carries or returns rather
// than what it addresses: message bodies, payloads, statements with their
// values, secrets, credentials. Their values are never recorded, whatever a
// whitelist says (a list's length or a map's keys may be).
var contentFields = map[string]bool{
	"MessageBody": true, "Message": true, "Subject": true, "Body": true, "Payload": true, "ClientContext": true,
	"Statement": true, "PartiQLStatement": true, "Item": true, "Items": true, "ExpressionAttributeValues": true,
	"SecretString": true, "SecretBinary": true, "Data": true, "Detail": true, "Input": true, "Output": true,
	"Password": true, "SecretAccessKey": true, "SessionToken": true, "AccessKeyId": true, "Credentials": true,
}

// recordable reports whether a field of type t can be recorded as kind k.
// This is what keeps contents out: only scalars, lists of strings, map keys,
// lengths and capacity units qualify, whatever a whitelist names. For
// kindCapacity it returns the index of CapacityUnits.
func recordable(t reflect.Type, k kind) (int, bool) {
	switch k {
	case kindValue:
		if t.Kind() == reflect.Pointer {
			t = t.Elem()
		}
		if t.Kind() == reflect.Slice {
			return 0, t.Elem().Kind() == reflect.String
		}
		return 0, scalar(t.Kind())
	case kindKeys:
		return 0, t.Kind() == reflect.Map && t.Key().Kind() == reflect.String
	case kindCount:
		return 0, t.Kind() == reflect.Slice || t.Kind() == reflect.Map
	case kindCapacity:
		t = elemType(t)
		if t.Kind() != reflect.Struct {
			return 0, false
		}
		f, ok := t.FieldByName("CapacityUnits")
		if !ok || len(f.Index) != 1 || elemType(f.Type).Kind() != reflect.Float64 {
			return 0, false
		}
		return f.Index[0], true
	}
	return 0, false
}

func scalar(k reflect.Kind) bool {
	switch k {
	case reflect.String, reflect.Bool, reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64,
		reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Float32, reflect.Float64:
		return true
	}
	return false
}

// elemType looks through pointers and lists.
func elemType(t reflect.Type) reflect.Type {
	for t.Kind() == reflect.Pointer || t.Kind() == reflect.Slice {
		t = t.Elem()
	}
	return t
}

// compilePath resolves a path of field names through structs, pointers and
// lists, ending in a string.
func compilePath(t reflect.Type, names []string) ([]int, bool) {
	idx := make([]int, 0, len(names))
	for _, name := range names {
		t = elemType(t)
		if t.Kind() != reflect.Struct {
			return nil, false
		}
		f, ok := t.FieldByName(name)
		if !ok || len(f.Index) != 1 || !f.IsExported() {
			return nil, false
		}
		idx = append(idx, f.Index[0])
		t = f.Type
	}
	return idx, elemType(t).Kind() == reflect.String
}
