package validate

import (
	"flag"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
)

var update = flag.Bool("update", false, "rewrite RULES.md from the rules table and the schema")

// ruleConstants returns the values of the Rule constants declared in
// rules.go, in their order.
func ruleConstants(t *testing.T) []Rule {
	t.Helper()
	f, err := parser.ParseFile(token.NewFileSet(), "rules.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	var out []Rule
	for _, d := range f.Decls {
		g, ok := d.(*ast.GenDecl)
		if !ok || g.Tok != token.CONST {
			continue
		}
		for _, s := range g.Specs {
			v := s.(*ast.ValueSpec)
			if id, ok := v.Type.(*ast.Ident); !ok || id.Name != "Rule" {
				continue
			}
			for _, e := range v.Values {
				lit, ok := e.(*ast.BasicLit)
				if !ok {
					t.Fatalf("rule constant %v is not a string literal", e)
				}
				s, err := strconv.Unquote(lit.Value)
				if err != nil {
					t.Fatal(err)
				}
				out = append(out, Rule(s))
			}
		}
	}
	return out
}

// TestRulesDescribed fails when a Rule constant has no line in the rules
// table (or the table lists a rule without a constant), so the docs list
// every rule.
func TestRulesDescribed(t *testing.T) {
	consts := ruleConstants(t)
	if len(consts) == 0 {
		t.Fatal("no Rule constants found in rules.go")
	}
	var listed []Rule
	for _, r := range Rules() {
		if strings.TrimSpace(r.Meaning) == "" {
			t.Errorf("rule %q has no meaning", r.Rule)
		}
		if slices.Contains(listed, r.Rule) {
			t.Errorf("rule %q is listed twice", r.Rule)
		}
		listed = append(listed, r.Rule)
	}
	if !slices.Equal(consts, listed) {
		t.Errorf("Rule constants %q\ndiffer from Rules() %q (same rules, same order)", consts, listed)
	}
}

// TestSchemaRulesListed checks that every rule the schema reports is in
// the rules table.
func TestSchemaRulesListed(t *testing.T) {
	for _, o := range schemaObjects() {
		for _, f := range o.obj.fields {
			for _, r := range []Rule{f.rule, f.spec.rule, o.obj.unknown, o.obj.missing} {
				if r != "" && !listedRule(r) {
					t.Errorf("%s.%s: rule %q is not in the rules table", o.title, f.key, r)
				}
			}
		}
	}
}

// TestProblemRulesListed checks that every problem of the test cases
// names a rule of the table.
func TestProblemRulesListed(t *testing.T) {
	for _, c := range testCases {
		for _, w := range c.want {
			if !listedRule(Rule(w[0])) {
				t.Errorf("%s: rule %q is not in the rules table", c.name, w[0])
			}
		}
	}
}

func listedRule(r Rule) bool {
	return slices.ContainsFunc(Rules(), func(i RuleInfo) bool { return i.Rule == r })
}

// TestRulesDoc checks RULES.md against the rules table and the schema;
// go test -run TestRulesDoc -update rewrites it.
func TestRulesDoc(t *testing.T) {
	want := rulesDoc()
	if *update {
		if err := os.WriteFile("RULES.md", []byte(want), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile("RULES.md")
	if err != nil {
		t.Fatal(err)
	}
	if string(got) != want {
		t.Errorf("RULES.md is out of date; run go test ./segment/validate -run TestRulesDoc -update")
	}
}

// titled is an object of the schema and the heading RULES.md gives it.
type titled struct {
	title string
	rule  Rule
	obj   *object
}

// schemaObjects returns every object of the schema, the document first.
func schemaObjects() []titled {
	out := []titled{{"segment and subsegment", RuleField, &documentSchema}}
	var walk func(rule Rule, o *object)
	walk = func(rule Rule, o *object) {
		for _, f := range o.fields {
			r := rule
			if f.rule != "" {
				r = f.rule
			}
			for s := f.spec; s != nil; s = s.elem {
				if s.obj != nil {
					out = append(out, titled{s.obj.noun, r, s.obj})
					walk(r, s.obj)
				}
			}
		}
	}
	walk("", &documentSchema)
	return out
}

// rulesDoc renders RULES.md.
func rulesDoc() string {
	var b strings.Builder
	b.WriteString("# The rules of segment/validate\n\n")
	b.WriteString("Generated from the rules table (`Rules()`, rules.go) and the schema (schema.go) by\n")
	b.WriteString("`go test ./segment/validate -run TestRulesDoc -update`; do not edit by hand.\n\n")
	b.WriteString("| rule | meaning |\n|---|---|\n")
	for _, r := range Rules() {
		b.WriteString("| `" + string(r.Rule) + "` | " + cell(r.Meaning) + " |\n")
	}
	b.WriteString("\n## The schema\n\n")
	b.WriteString("Every string outside name, annotations and metadata is at most 250 characters (`string-length`).\n")
	for _, o := range schemaObjects() {
		b.WriteString("\n### " + o.title + "\n\n| field | value | required | rule |\n|---|---|---|---|\n")
		for _, f := range o.obj.fields {
			r := o.rule
			if f.rule != "" {
				r = f.rule
			}
			if f.spec.rule != "" {
				r = f.spec.rule
			}
			req := ""
			if f.required {
				req = "yes"
			}
			value := want(f.spec)
			switch f.only {
			case segmentsOnly:
				value += ", on segments only"
			case subsegmentsOnly:
				value += ", on subsegments only"
			}
			b.WriteString("| `" + f.key + "` | " + cell(value) + " | " + req + " | `" + string(r) + "` |\n")
		}
		if o.obj.other != nil {
			keys := "other keys"
			if o.obj.keys != "" {
				keys = "keys: " + o.obj.keys
			}
			b.WriteString("| *" + keys + "* | " + cell(want(o.obj.other)) + " |  | `" + string(o.rule) + "` |\n")
		} else if o.obj == &documentSchema {
			b.WriteString("| *other keys* | not allowed |  | `" + string(RuleField) + "` |\n")
		} else {
			b.WriteString("| *other keys* | not allowed |  | `" + string(o.rule) + "` |\n")
		}
	}
	return b.String()
}

// want describes the values of s for RULES.md.
func want(s *spec) string {
	w := s.wanted()
	if s.want == "" && s.oneOf == nil {
		w = "any JSON"
	}
	if s.maxLen > 0 {
		w += " (strings at most " + strconv.Itoa(s.maxLen) + " characters)"
	}
	if s.maxItems > 0 {
		w += ", at most " + strconv.Itoa(s.maxItems)
	}
	if s.noSecret {
		w += ", without a password"
	}
	if s.alt != nil {
		w = s.want
	}
	return w
}

// cell escapes a table cell.
func cell(s string) string {
	return strings.ReplaceAll(s, "|", `\|`)
}
