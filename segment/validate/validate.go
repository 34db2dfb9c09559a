package validate

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// Auto checks b as a datagram when it contains a '\n' and starts with
// `{"format"`, and as a bare document otherwise. It returns nil or an
// *[Error] listing every problem found.
func Auto(b []byte) error {
	if bytes.IndexByte(b, '\n') >= 0 && bytes.HasPrefix(b, []byte(`{"format"`)) {
		return Datagram(b)
	}
	return Document(b)
}

// Datagram checks a datagram as sent to the X-Ray daemon: the header line
// {"format":"json","version":1}, a '\n' and exactly one document. It
// returns nil or an *[Error].
func Datagram(b []byte) error {
	var c checker
	if len(b) > maxDatagramSize {
		c.addf(RuleSize, nil, "datagram is %d bytes, more than the %d allowed for header plus document (the daemon reads 64 KiB, UDP carries at most 65,507 bytes)",
			len(b), maxDatagramSize)
	}
	nl := bytes.IndexByte(b, '\n')
	if nl < 0 {
		if headerProblem(b) == "" {
			c.add(RuleHeader, nil, "header line is not followed by a newline; a datagram is "+headerExample+` + "\n" + document`)
			c.add(RuleOneDocument, nil, "datagram holds only the header; it must carry exactly one document after the newline")
		} else {
			c.add(RuleHeader, nil, "datagram has no header line; it must start with "+headerExample+` + "\n", followed by the document`)
		}
		return c.err()
	}
	line, body := b[:nl], b[nl+1:]
	if string(line) != headerLine {
		if msg := headerProblem(line); msg != "" {
			c.add(RuleHeader, nil, msg)
		}
	}
	if len(body) == 0 {
		c.add(RuleOneDocument, nil, "datagram holds only the header; it must carry exactly one document after the newline")
		return c.err()
	}
	c.body(body)
	return c.err()
}

// Document checks one (sub)segment document without a header. It returns
// nil or an *[Error].
func Document(b []byte) error {
	var c checker
	if len(b) > maxDocumentSize {
		c.addf(RuleSize, nil, "document is %d bytes, more than the %d that fit in a datagram after the header",
			len(b), maxDocumentSize)
	}
	if len(b) == 0 {
		c.add(RuleOneDocument, nil, "empty input; expected one JSON object")
		return c.err()
	}
	c.body(b)
	return c.err()
}

// headerProblem reports what is wrong with a header line, or "" when the
// daemon accepts it: one JSON object with "format":"json" and "version":1,
// in any key order and spacing (so a "\r" before the newline is accepted).
func headerProblem(line []byte) string {
	want := "; the first line must be " + headerExample
	if !json.Valid(line) {
		return fmt.Sprintf("first line %s is not a JSON header%s", quoteBytes(line), want)
	}
	dec := json.NewDecoder(bytes.NewReader(line))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return fmt.Sprintf("first line %s is not a JSON header%s", quoteBytes(line), want)
	}
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Sprintf("first line %s is not a JSON object%s", quoteBytes(line), want)
	}
	if _, ok := m["format"]; !ok {
		return fmt.Sprintf("first line %s has no \"format\" key%s", quoteBytes(line), want)
	}
	if f, ok := m["format"].(string); !ok || f != "json" {
		return fmt.Sprintf("header format is %s, not \"json\"%s", describe(m["format"]), want)
	}
	if n, ok := m["version"].(json.Number); !ok || n.String() != "1" {
		return fmt.Sprintf("header version is %s, not 1%s", describe(m["version"]), want)
	}
	return ""
}
