package validate

import (
	"encoding/json"
	"strconv"
	"strings"
	"unicode/utf8"
)

// scan makes one pass over a valid JSON value for the rules a decoder
// cannot see: it returns the path of the first key repeated within an
// object (dup says whether there is one), and the offset of the first
// whitespace outside strings (-1 if none: the value is compact). It runs
// after the value decoded successfully, so it only tracks structure:
// strings, nesting and keys.
func scan(b []byte) (dupPath string, dup bool, space int) {
	space = -1
	type frame struct {
		object bool
		path   string
		keys   map[string]struct{}
		index  int  // arrays: the next element's index
		expect bool // objects: the next string is a key
	}
	var stack []frame
	key := ""
	valuePath := func() string {
		if len(stack) == 0 {
			return ""
		}
		top := &stack[len(stack)-1]
		if top.object {
			return key
		}
		p := top.path + "[" + strconv.Itoa(top.index) + "]"
		top.index++
		return p
	}
	for i := 0; i < len(b); i++ {
		switch c := b[i]; c {
		case '{', '[':
			p := valuePath()
			f := frame{object: c == '{', path: p, expect: c == '{'}
			stack = append(stack, f)
		case '}', ']':
			if len(stack) == 0 {
				return dupPath, dup, space
			}
			stack = stack[:len(stack)-1]
		case ' ', '\t', '\n', '\r':
			if space < 0 {
				space = i
			}
		case ',':
			if n := len(stack); n > 0 && stack[n-1].object {
				stack[n-1].expect = true
			}
		case '"':
			j := i + 1
			escaped := false
			for j < len(b) && b[j] != '"' {
				if b[j] == '\\' {
					escaped = true
					j++
				}
				j++
			}
			if j >= len(b) {
				return dupPath, dup, space
			}
			n := len(stack)
			if n > 0 && stack[n-1].object && stack[n-1].expect {
				top := &stack[n-1]
				k := string(b[i+1 : j])
				if escaped || !utf8.ValidString(k) {
					// Read the key as receivers do: escapes resolved,
					// each invalid byte a U+FFFD.
					var u string
					if json.Unmarshal(b[i:j+1], &u) == nil {
						k = u
					}
				}
				if top.keys == nil {
					top.keys = make(map[string]struct{}, 8)
				}
				key = k
				if top.path != "" {
					key = top.path + "." + k
				}
				if _, seen := top.keys[k]; seen && !dup {
					dupPath, dup = key, true
				}
				top.keys[k] = struct{}{}
				top.expect = false
			} else if n > 0 && !stack[n-1].object {
				valuePath() // a string element of an array
			}
			i = j
		default:
			// Numbers, true, false, null: array elements advance the index.
			if n := len(stack); n > 0 && !stack[n-1].object && (c == '-' || c >= '0' && c <= '9' || c == 't' || c == 'f' || c == 'n') {
				valuePath()
				for i+1 < len(b) && !strings.ContainsRune(",]} \t\r\n", rune(b[i+1])) {
					i++
				}
			}
		}
	}
	return dupPath, dup, space
}
