package segment

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"
)

// valMaxProblems caps the problems collected for one datagram or document, so
// that a pathological input yields a readable error in bounded time.
const valMaxProblems = 100

// Problem is one broken rule.
type Problem struct {
	// Rule is a short rule id: "header", "size", "one-document", "json",
	// "utf8", "compact", "required", "name", "id", "trace_id", "time",
	// "independent", "namespace", "origin", "http", "aws", "sql", "flags",
	// "cause", "annotations", "metadata", "links", "subsegments", "user",
	// "service", "resource_arn", "precursor_ids", "string-length" or "field".
	Rule string
	// Field is the JSON path of the offending field, for example
	// "subsegments[2].annotations.my-key", or "" when the problem concerns
	// the whole datagram or document.
	Field string
	// Msg says what is wrong and what a valid value looks like.
	Msg string
}

// String formats p as "field: msg [rule]", or as "msg [rule]" when the
// problem concerns the whole datagram or document.
func (p Problem) String() string {
	if p.Field == "" {
		return p.Msg + " [" + p.Rule + "]"
	}
	return p.Field + ": " + p.Msg + " [" + p.Rule + "]"
}

// ValidationError lists every problem found in one datagram or document.
// At most 100 problems are collected.
type ValidationError struct {
	Problems []Problem
}

// Error returns the first problem, followed by "(and N more)" when there are
// others.
func (e *ValidationError) Error() string {
	if e == nil || len(e.Problems) == 0 {
		return "invalid X-Ray document"
	}
	s := e.Problems[0].String()
	if n := len(e.Problems) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}

// Validate checks b against the X-Ray wire format. b is a datagram (the
// header line, a newline and one document) when it contains a '\n' and
// starts with `{"format"`; otherwise it is a bare document. Validate returns
// nil or a *ValidationError listing every problem found.
func Validate(b []byte) error {
	if bytes.IndexByte(b, '\n') >= 0 && bytes.HasPrefix(b, []byte(`{"format"`)) {
		return ValidateDatagram(b)
	}
	return ValidateDocument(b)
}

// ValidateDatagram checks a datagram as sent to the X-Ray daemon: the header
// line {"format":"json","version":1}, a '\n' and exactly one document. It
// returns nil or a *ValidationError.
func ValidateDatagram(b []byte) error {
	var c valChecker
	if len(b) > MaxDatagramSize {
		c.addf("size", nil, "datagram is %d bytes, more than the %d allowed for header plus document (the daemon reads 64 KiB, UDP carries at most 65,507 bytes)",
			len(b), MaxDatagramSize)
	}
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		if valHeaderProblem(b) == "" {
			c.add("header", nil, "header line is not followed by a newline; a datagram is "+valHeaderExample+` + "\n" + document`)
			c.add("one-document", nil, "datagram holds only the header; it must carry exactly one document after the newline")
		} else {
			c.add("header", nil, "datagram has no header line; it must start with "+valHeaderExample+` + "\n", followed by the document`)
		}
		return c.err()
	}
	line, body := b[:nl], b[nl+1:]
	if string(line) != valHeaderLine {
		if msg := valHeaderProblem(line); msg != "" {
			c.add("header", nil, msg)
		}
	}
	if len(body) == 0 {
		c.add("one-document", nil, "datagram holds only the header; it must carry exactly one document after the newline")
		return c.err()
	}
	c.body(body)
	return c.err()
}

// ValidateDocument checks one (sub)segment document without a header. It
// returns nil or a *ValidationError.
func ValidateDocument(b []byte) error {
	var c valChecker
	if len(b) > MaxDocumentSize {
		c.addf("size", nil, "document is %d bytes, more than the %d that fit in a datagram after the header",
			len(b), MaxDocumentSize)
	}
	if len(b) == 0 {
		c.add("one-document", nil, "empty input; expected one JSON object")
		return c.err()
	}
	c.body(b)
	return c.err()
}

// valHeaderLine is Header without its newline.
const valHeaderLine = `{"format":"json","version":1}`

// valHeaderExample is valHeaderLine for messages.
const valHeaderExample = "`" + valHeaderLine + "`"

// valHeaderProblem reports what is wrong with a header line, or "" when the
// daemon accepts it: one JSON object with "format":"json" and "version":1,
// in any key order and spacing (so a "\r" before the newline is accepted).
func valHeaderProblem(line []byte) string {
	want := "; the first line must be " + valHeaderExample
	if !json.Valid(line) {
		return fmt.Sprintf("first line %s is not a JSON header%s", valQuoteBytes(line), want)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Sprintf("first line %s is not a JSON header%s", valQuoteBytes(line), want)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprintf("first line %s is not a JSON object%s", valQuoteBytes(line), want)
	}
	if _, ok := m["format"]; !ok {
		return fmt.Sprintf("first line %s has no \"format\" key%s", valQuoteBytes(line), want)
	}
	if f, ok := m["format"].(string); !ok || f != "json" {
		return fmt.Sprintf("header format is %s, not \"json\"%s", valDescribe(m["format"]), want)
	}
	if n, ok := m["version"].(json.Number); !ok || n.String() != "1" {
		return fmt.Sprintf("header version is %s, not 1%s", valDescribe(m["version"]), want)
	}
	return ""
}

// valChecker collects problems.
type valChecker struct {
	problems []Problem
}

func (c *valChecker) add(rule string, field *valPath, msg string) {
	if len(c.problems) < valMaxProblems {
		c.problems = append(c.problems, Problem{Rule: rule, Field: field.String(), Msg: msg})
	}
}

func (c *valChecker) addf(rule string, field *valPath, format string, args ...any) {
	if len(c.problems) < valMaxProblems {
		c.add(rule, field, fmt.Sprintf(format, args...))
	}
}

func (c *valChecker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &ValidationError{Problems: c.problems}
}

// body checks the document part of a datagram, or a bare document.
func (c *valChecker) body(b []byte) {
	if !utf8.Valid(b) {
		c.addf("utf8", nil, "invalid UTF-8 at byte %d of the document; JSON must be valid UTF-8 (encoders silently replace bad bytes with U+FFFD)",
			valInvalidUTF8At(b))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if err == io.EOF {
			c.add("one-document", nil, "no document, only whitespace; expected exactly one JSON object")
			return
		}
		c.add("json", nil, valJSONErrorMsg(err, b))
		return
	}
	end := int(dec.InputOffset())
	if end < 0 || end > len(b) { // cannot happen; keeps slicing safe
		end = len(b)
	}
	if rest := b[end:]; len(rest) > 0 {
		trimmed := bytes.TrimLeft(rest, " \t\r\n")
		at := end + len(rest) - len(trimmed)
		switch {
		case len(trimmed) == 0 && string(rest) == "\n":
			c.addf("one-document", nil, "document is followed by a newline at byte %d; send compact JSON with nothing after the closing brace", end)
		case len(trimmed) == 0:
			c.addf("one-document", nil, "document is followed by whitespace at byte %d; send compact JSON with nothing after the closing brace", end)
		case valStartsValue(trimmed):
			c.addf("one-document", nil, "a second JSON value starts at byte %d of the document; a datagram carries exactly one document (two become one broken document)", at)
		default:
			c.addf("one-document", nil, "unexpected data %s at byte %d of the document, after its end; nothing may follow the closing brace",
				valQuoteBytes(trimmed), at)
		}
	}
	doc, ok := v.(map[string]any)
	if !ok {
		c.addf("one-document", nil, "document is %s; it must be a JSON object like {\"name\":...,\"id\":...}", valDescribe(v))
		return
	}
	path, dup, space := valScan(b[:end])
	if space >= 0 {
		c.addf("compact", nil, "whitespace outside strings at byte %d of the document; send compact JSON (as json.Marshal or json.Compact produce)", space)
	}
	if dup {
		c.addf("duplicate-key", nil, "key %s appears twice in the same object; receivers keep one of them silently, so every key must be unique", valQuote(path))
	}
	c.document(nil, doc, true)
}

// valScan makes one pass over a valid JSON value for the rules a decoder
// cannot see: it returns the path of the first key repeated within an
// object (dup says whether there is one), and the offset of the first
// whitespace outside strings (-1 if none: the value is compact). It runs
// after the value decoded successfully, so it only tracks structure:
// strings, nesting and keys.
func valScan(b []byte) (dupPath string, dup bool, space int) {
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
				if escaped {
					if u, err := strconv.Unquote(string(b[i : j+1])); err == nil {
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

// valStartsValue reports whether b decodes as a complete JSON value at its
// start (ignoring what follows it).
func valStartsValue(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	var v any
	return dec.Decode(&v) == nil
}

// valJSONErrorMsg describes a decoding error of the document b.
func valJSONErrorMsg(err error, b []byte) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		at := int(se.Offset) - 1
		if at < 0 {
			at = 0
		}
		if at > len(b) {
			at = len(b)
		}
		hint := ""
		if rest := b[at:]; bytes.HasPrefix(rest, []byte("NaN")) || bytes.HasPrefix(rest, []byte("Inf")) ||
			bytes.HasPrefix(rest, []byte("-Inf")) || bytes.HasPrefix(rest, []byte("+Inf")) {
			hint = "; NaN and Infinity are not JSON numbers"
		}
		return fmt.Sprintf("invalid JSON at byte %d of the document: %s%s", at, se.Error(), hint)
	case errors.Is(err, io.ErrUnexpectedEOF):
		return fmt.Sprintf("invalid JSON: the document ends early, at byte %d (truncated?)", len(b))
	default:
		return "invalid JSON: " + err.Error()
	}
}

// valInvalidUTF8At returns the offset of the first invalid UTF-8 sequence in b,
// or len(b).
func valInvalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}

// valDescribe renders a decoded JSON value for a message, briefly.
func valDescribe(v any) string {
	switch x := v.(type) {
	case nil:
		return "null"
	case string:
		return valQuote(x)
	case json.Number:
		return valTruncate(x.String(), 40)
	case bool:
		return strconv.FormatBool(x)
	case map[string]any:
		return "an object"
	case []any:
		return "an array"
	default:
		return fmt.Sprintf("%T", v)
	}
}

// valQuote quotes s for a message, cut to 40 characters.
func valQuote(s string) string {
	return strconv.Quote(valTruncate(s, 40))
}

// valQuoteBytes quotes b for a message, cut to 40 characters.
func valQuoteBytes(b []byte) string {
	if len(b) > 160 {
		b = b[:160]
	}
	return valQuote(string(b))
}

// valTruncate cuts s to at most n runes, marking the cut with "...".
func valTruncate(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j] + "..."
		}
		i++
	}
	return s
}
