package validate

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// links returns n valid links.
func links(n int) []any {
	links := make([]any, n)
	for i := range links {
		links[i] = map[string]any{"trace_id": "1-5759e988-bd862e3fe1be46a994272793", "id": "1111111111111111"}
	}
	return links
}

// run validates c.in the way the case asks for.
func run(c testCase) error {
	switch c.via {
	case "datagram":
		return Datagram([]byte(c.in))
	case "document":
		return Document([]byte(c.in))
	default:
		return Auto([]byte(c.in))
	}
}

func TestValidate(t *testing.T) {
	for _, c := range testCases {
		t.Run(c.name, func(t *testing.T) {
			err := run(c)
			if c.ok {
				if err != nil {
					t.Fatalf("want valid, got %v\nall: %v", err, all(err))
				}
				return
			}
			if err == nil {
				t.Fatalf("want problems %v, got nil", c.want)
			}
			var verr *Error
			if !errors.As(err, &verr) {
				t.Fatalf("error is %T, want *Error", err)
			}
			for _, w := range c.want {
				if !hasProblem(err, w[0], w[1]) {
					t.Errorf("missing problem rule %q field %q; got:\n%s", w[0], w[1], all(err))
				}
			}
		})
	}
}

// TestValidateOnlyExpected checks that the failing cases built from a valid
// document report nothing but the broken rule, so rules do not fire on
// valid parts.
func TestValidateOnlyExpected(t *testing.T) {
	for _, c := range testCases {
		if c.ok || c.name == "header without newline" {
			continue
		}
		err := run(c)
		var verr *Error
		if !errors.As(err, &verr) {
			continue
		}
		for _, p := range verr.Problems {
			found := false
			for _, w := range c.want {
				found = found || Rule(w[0]) == p.Rule
			}
			if !found {
				t.Errorf("%s: unexpected problem %v", c.name, p)
			}
		}
	}
}

func all(err error) string {
	var verr *Error
	if !errors.As(err, &verr) {
		return "<no Error>"
	}
	var sb strings.Builder
	for _, p := range verr.Problems {
		sb.WriteString("  " + p.String() + "\n")
	}
	return sb.String()
}

func TestValidateTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "valid", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := Auto(b); err != nil {
			t.Errorf("%s as document: %v\n%s", f, err, all(err))
		}
		if err := Auto(append([]byte(testHeader), b...)); err != nil {
			t.Errorf("%s as datagram: %v\n%s", f, err, all(err))
		}
	}
}

func TestValidateProblemCap(t *testing.T) {
	m := segmentDoc()
	for i := range 300 {
		m["unknown_"+strings.Repeat("x", i)] = i
	}
	err := Auto([]byte(testHeader + jsonOf(m)))
	var verr *Error
	if !errors.As(err, &verr) {
		t.Fatalf("got %v", err)
	}
	if len(verr.Problems) != maxProblems {
		t.Errorf("got %d problems, want %d", len(verr.Problems), maxProblems)
	}
	if want := "(and 99 more)"; !strings.HasSuffix(verr.Error(), want) {
		t.Errorf("Error() = %q, want suffix %q", verr.Error(), want)
	}
}

func TestValidateDeterministic(t *testing.T) {
	in := []byte(dgram(set("id", "X", "trace_id", "Y", "foo", 1, "bar", 2,
		"annotations", map[string]any{"a-b": nil, "c-d": []any{}, "e": 1})))
	first := all(Auto(in))
	for range 20 {
		if got := all(Auto(in)); got != first {
			t.Fatalf("problem order changed:\n%s\nvs\n%s", first, got)
		}
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Rule: "id", Field: "subsegments[0].id", Msg: "bad"}
	if got, want := p.String(), "subsegments[0].id: bad [id]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	p = Problem{Rule: "size", Msg: "too big"}
	if got, want := p.String(), "too big [size]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	e := &Error{Problems: []Problem{p}}
	if got, want := e.Error(), "too big [size]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e.Problems = append(e.Problems, p, p)
	if got, want := e.Error(), "too big [size] (and 2 more)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestValidateDispatch(t *testing.T) {
	// A bare document with a newline inside a string is still a document.
	doc := jsonOf(segmentDoc(set("metadata", map[string]any{"default": map[string]any{"s": "a\nb"}})))
	if err := Auto([]byte(doc)); err != nil {
		t.Errorf("document: %v", err)
	}
	// A bare document is no datagram.
	if err := Datagram([]byte(doc)); !hasProblem(err, "header", "") {
		t.Errorf("Datagram(document) = %v, want a header problem", err)
	}
	// A datagram is no document.
	if err := Document([]byte(dgram())); err == nil {
		t.Error("Document(datagram) = nil, want problems")
	}
}

func TestValidateNilOnSuccess(t *testing.T) {
	// A nil error must be an untyped nil, not a nil *Error.
	if err := Document([]byte(minimalDoc)); err != nil {
		t.Errorf("got %#v, want nil", err)
	}
	if err := Datagram([]byte(dgram())); err != nil {
		t.Errorf("got %#v, want nil", err)
	}
}

func TestDecimals(t *testing.T) {
	for in, want := range map[string]int{
		"1700000000":          0,
		"1700000000.123456":   6,
		"1700000000.1234567":  7,
		"1.5000000":           7,
		"1.7e9":               0,
		"1.7000000001234e9":   4,
		"1.70000000012345e+9": 5,
		"15E-1":               1,
		"0e9999999":           0,
		"-0":                  0,
	} {
		if got := decimals(in); got != want {
			t.Errorf("decimals(%q) = %d, want %d", in, got, want)
		}
	}
	if got := decimals("0e-9999999"); got <= 6 {
		t.Errorf("decimals(0e-9999999) = %d, want > 6", got)
	}
}

func TestValidateDuplicateKeys(t *testing.T) {
	tests := []struct{ doc, path string }{
		{`{"name":"a","id":"0123456789abcdef","name":"b"}`, "name"},
		{`{"metadata":{"default":{"k":1,"k":2}}}`, "metadata.default.k"},
		{`{"subsegments":[{"a":1},{"aws":{"x":[1,{"y":1,"y":2}]}}]}`, "subsegments[1].aws.x[1].y"},
		{`{"a":{"b":1},"c":{"b":1}}`, ""},
		{`{"a":[[],{},[{"k":1}],{"k":2}],"k":3}`, ""},
	}
	for _, tc := range tests {
		path, dup, _ := scan([]byte(tc.doc))
		if path != tc.path || dup != (tc.path != "") {
			t.Errorf("scan(%s) = %q, %v; want %q", tc.doc, path, dup, tc.path)
		}
	}
	err := Document([]byte(`{"name":"a","id":"0123456789abcdef","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1,"end_time":2,"metadata":{"default":{"k":1,"k":2}}}`))
	if !hasProblem(err, "duplicate-key", "") {
		t.Errorf("duplicate key not reported: %v", err)
	}
}
