package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
	"testing"
	"unicode/utf8"
)

// duplicateKeyTokens is the former, decoder-based implementation, kept as
// the reference for FuzzDuplicateKey. It walks the tokens of one valid JSON value and returns the
// path of the first key repeated within an object.
func duplicateKeyTokens(b []byte) (string, bool) {
	type frame struct {
		keys   map[string]struct{} // nil for arrays
		path   string
		expect bool // an object's next token is a key
		index  int  // an array's next index
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var stack []frame
	key := ""
	for {
		tok, err := dec.Token()
		if err != nil {
			return "", false
		}
		if d, ok := tok.(json.Delim); ok && (d == '}' || d == ']') {
			stack = stack[:len(stack)-1]
			if len(stack) == 0 {
				return "", false
			}
			continue
		}
		if n := len(stack); n > 0 && stack[n-1].keys != nil && stack[n-1].expect {
			top := &stack[n-1]
			k, _ := tok.(string)
			key = k
			if top.path != "" {
				key = top.path + "." + k
			}
			if _, dup := top.keys[k]; dup {
				return key, true
			}
			top.keys[k] = struct{}{}
			top.expect = false
			continue
		}
		path := ""
		if n := len(stack); n > 0 {
			top := &stack[n-1]
			if top.keys != nil {
				path, top.expect = key, true
			} else {
				path = fmt.Sprintf("%s[%d]", top.path, top.index)
				top.index++
			}
		}
		switch tok {
		case json.Delim('{'):
			stack = append(stack, frame{keys: map[string]struct{}{}, path: path, expect: true})
		case json.Delim('['):
			stack = append(stack, frame{path: path})
		}
		if len(stack) == 0 {
			return "", false
		}
	}
}

// FuzzDuplicateKey checks the byte scanner against the decoder-based walk
// (duplicate keys) and against json.Compact (whitespace) on every valid
// JSON input.
func FuzzDuplicateKey(f *testing.F) {
	for _, s := range []string{`{"a":1,"a":2}`, `{"a":[1,{"b":[],"b":2}]}`, `[{"x":"\"}","x":1}]`, `{"\u0061":1,"a":2}`, `{"s":"a,b}","t":[true,null,-1.5e3,{}]}`} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !json.Valid([]byte(s)) {
			return
		}
		p1, d1, space := scan([]byte(s))
		p2, d2 := duplicateKeyTokens([]byte(s))
		// The compact rule: the first whitespace outside strings is the
		// first byte json.Compact would change.
		var compact bytes.Buffer
		_ = json.Compact(&compact, []byte(s))
		want := -1
		if cb := compact.Bytes(); !bytes.Equal(cb, []byte(s)) {
			want = 0
			for want < len(cb) && cb[want] == s[want] {
				want++
			}
		}
		if space != want {
			t.Fatalf("%q: first whitespace at %d, json.Compact says %d", s, space, want)
		}
		// With invalid UTF-8 the decoder rewrites keys (U+FFFD) and the
		// scanner does not; the verdict must agree, the path text may not.
		if d1 != d2 || (utf8.ValidString(s) && p1 != p2) {
			t.Fatalf("%s: scanner %q %v, decoder %q %v", s, p1, d1, p2, d2)
		}
	})
}
