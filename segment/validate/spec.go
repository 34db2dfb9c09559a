package validate

import "encoding/json"

// The schema is data: an object lists its fields, each field's spec says
// which values it may hold, and a small walker (walk.go) checks a decoded
// document against them. Rules that do not fit a field spec are named
// functions an object lists in its checks.

// kind is the JSON type a spec wants.
type kind uint8

const (
	anyValue      kind = iota // any JSON value
	stringValue               // a string
	boolValue                 // true or false
	intValue                  // an integer literal within [min, max]
	numberValue               // a number
	scalarValue               // a string, number or boolean
	objectValue               // an object
	arrayValue                // an array
	documentValue             // an object checked as a nested subsegment
)

// spec describes the values a field (or an array element, or an object's
// other members) may hold.
type spec struct {
	kind kind
	// want says what a valid value is, for messages and RULES.md:
	// "a string".
	want string
	// rule is the rule a bad value breaks; "" keeps the rule of the
	// enclosing field.
	rule Rule
	// format, when set, checks the value in place of kind and writes its
	// own messages (ids, trace ids, times, names).
	format func(c *checker, p *path, rule Rule, v any)
	// oneOf lists the allowed strings.
	oneOf []string
	// noSecret: the string must hold no password.
	noSecret bool
	// min and max bound an integer.
	min, max int64
	// maxLen is the longest string in characters, reported under rule. It
	// replaces the document-wide limit.
	maxLen int
	// unlimited exempts the value, and all it holds, from the
	// document-wide string length limit.
	unlimited bool
	// obj describes an object's members; nil accepts any.
	obj *object
	// elem describes an array's elements; maxItems (if > 0) bounds their
	// number.
	elem     *spec
	maxItems int
	// alt is used instead when the value is not of kind but of alt's kind.
	alt *spec
}

// scope says which documents may hold a field.
type scope uint8

const (
	everywhere scope = iota
	segmentsOnly
	subsegmentsOnly
)

// field is one member of an object.
type field struct {
	key      string
	spec     *spec
	rule     Rule // the rule of problems with this field, "" for the object's
	required bool
	only     scope
}

// object describes the members of a JSON object.
type object struct {
	// noun names the object in messages, with its article: "an exception".
	// The document's is "" (it is "a segment" or "a subsegment").
	noun string
	// fields are the known members, checked in this order.
	fields []field
	// other describes members not in fields; nil makes them a problem
	// (under unknown, or the rule in force when that is "").
	other   *spec
	unknown Rule
	// key checks every other member's name, returning a message or "";
	// keys says in RULES.md what names it accepts.
	key  func(k string) string
	keys string
	// missing is the rule of a missing required field ("" for the rule in
	// force), needs the list of required fields in its message ("" for the
	// generated one).
	missing Rule
	needs   string
	// checks are rules across fields, run after the fields.
	checks []func(c *checker, p *path, m map[string]any, d docKind)
}

// docKind is what the walker knows of the (sub)segment it is in.
type docKind struct {
	sub bool // a subsegment, nested or independent
	top bool // sent on its own, not nested in a subsegments array
}

// lookup returns the field named k, or nil.
func (o *object) lookup(k string) *field {
	for i := range o.fields {
		if o.fields[i].key == k {
			return &o.fields[i]
		}
	}
	return nil
}

// matches reports whether v is of the kind s wants (for integers, also
// within its bounds).
func (s *spec) matches(v any) bool {
	switch s.kind {
	case stringValue:
		_, ok := v.(string)
		return ok
	case boolValue:
		_, ok := v.(bool)
		return ok
	case intValue:
		n, ok := v.(json.Number)
		if !ok {
			return false
		}
		i, err := parseInt(n)
		return err == nil && s.min <= i && i <= s.max
	case numberValue:
		_, ok := v.(json.Number)
		return ok
	case scalarValue:
		switch v.(type) {
		case string, json.Number, bool:
			return true
		}
		return false
	case objectValue, documentValue:
		_, ok := v.(map[string]any)
		return ok
	case arrayValue:
		_, ok := v.([]any)
		return ok
	default:
		return true
	}
}
