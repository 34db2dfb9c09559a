package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"unicode/utf8"
)

// checker collects problems.
type checker struct {
	problems []Problem
}

func (c *checker) add(rule Rule, field *path, msg string) {
	if len(c.problems) < maxProblems {
		c.problems = append(c.problems, Problem{Rule: rule, Field: field.String(), Msg: msg})
	}
}

func (c *checker) addf(rule Rule, field *path, format string, args ...any) {
	if len(c.problems) < maxProblems {
		c.add(rule, field, fmt.Sprintf(format, args...))
	}
}

func (c *checker) err() error {
	if len(c.problems) == 0 {
		return nil
	}
	return &Error{Problems: c.problems}
}

// body checks the document part of a datagram, or a bare document: the
// byte-level rules (utf8, json, one-document, compact, duplicate-key), then
// the schema.
func (c *checker) body(b []byte) {
	if !utf8.Valid(b) {
		c.addf(RuleUTF8, nil, "invalid UTF-8 at byte %d of the document; JSON must be valid UTF-8 (encoders silently replace bad bytes with U+FFFD)",
			invalidUTF8At(b))
	}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		if err == io.EOF {
			c.add(RuleOneDocument, nil, "no document, only whitespace; expected exactly one JSON object")
			return
		}
		c.add(RuleJSON, nil, jsonErrorMsg(err, b))
		return
	}
	end := int(dec.InputOffset())
	if end < 0 || end > len(b) { // cannot happen; keeps slicing safe
		end = len(b)
	}
	c.trailing(b, end)
	doc, ok := v.(map[string]any)
	if !ok {
		c.addf(RuleOneDocument, nil, "document is %s; it must be a JSON object like {\"name\":...,\"id\":...}", describe(v))
		return
	}
	dupPath, dup, space := scan(b[:end])
	if space >= 0 {
		c.addf(RuleCompact, nil, "whitespace outside strings at byte %d of the document; send compact JSON (as json.Marshal or json.Compact produce)", space)
	}
	if dup {
		c.addf(RuleDuplicateKey, nil, "key %s appears twice in the same object; receivers keep one of them silently, so every key must be unique", quote(dupPath))
	}
	c.document(nil, doc, true)
}

// trailing reports what follows the first JSON value of b, which ends at
// byte end.
func (c *checker) trailing(b []byte, end int) {
	rest := b[end:]
	if len(rest) == 0 {
		return
	}
	trimmed := bytes.TrimLeft(rest, " \t\r\n")
	at := end + len(rest) - len(trimmed)
	switch {
	case len(trimmed) == 0 && string(rest) == "\n":
		c.addf(RuleOneDocument, nil, "document is followed by a newline at byte %d; send compact JSON with nothing after the closing brace", end)
	case len(trimmed) == 0:
		c.addf(RuleOneDocument, nil, "document is followed by whitespace at byte %d; send compact JSON with nothing after the closing brace", end)
	case startsValue(trimmed):
		c.addf(RuleOneDocument, nil, "a second JSON value starts at byte %d of the document; a datagram carries exactly one document (two become one broken document)", at)
	default:
		c.addf(RuleOneDocument, nil, "unexpected data %s at byte %d of the document, after its end; nothing may follow the closing brace",
			quoteBytes(trimmed), at)
	}
}

// startsValue reports whether b decodes as a complete JSON value at its
// start (ignoring what follows it).
func startsValue(b []byte) bool {
	dec := json.NewDecoder(bytes.NewReader(b))
	var v any
	return dec.Decode(&v) == nil
}

// jsonErrorMsg describes a decoding error of the document b.
func jsonErrorMsg(err error, b []byte) string {
	var se *json.SyntaxError
	switch {
	case errors.As(err, &se):
		at := min(max(int(se.Offset)-1, 0), len(b))
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

// invalidUTF8At returns the offset of the first invalid UTF-8 sequence in b,
// or len(b).
func invalidUTF8At(b []byte) int {
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		if r == utf8.RuneError && n <= 1 {
			return i
		}
		i += n
	}
	return len(b)
}
