package docscheck

import (
	"strings"
	"testing"
)

func TestDocComment(t *testing.T) {
	tests := []struct {
		name       string
		src        string
		blocks     []codeBlock // line, text, directive and directed are compared
		problem    string      // a substring of the one problem expected; "" for none
		buildables int         // snippets snippetsOf returns
	}{{
		name: "fragments take the directives in order; whole files take none",
		src: "// Package p.\n//\n//\tx := 1\n//\n// Then a file:\n//\n//\tpackage main\n//\n//\tfunc main() {}\n//\n// And:\n//\n//\ty := 2\n//\n" +
			"//docscheck:snippet args a int\n//docscheck:snippet skip not Go\npackage p\n",
		blocks: []codeBlock{
			{line: 2, text: "x := 1\n", directive: "args a int", directed: true},
			{line: 6, text: "package main\n\nfunc main() {}\n"},
			{line: 12, text: "y := 2\n", directive: "skip not Go", directed: true},
		},
		buildables: 2,
	}, {
		name:       "a fragment without a directive",
		src:        "// Package p.\n//\n//\tx := 1\npackage p\n",
		blocks:     []codeBlock{{line: 2, text: "x := 1\n"}},
		problem:    "p.go:2: a Go block that is not a whole file",
		buildables: 0,
	}, {
		name:       "a directive too many",
		src:        "// Package p.\n//\n//\tx := 1\n//\n//docscheck:snippet args a int\n//docscheck:snippet args b int\npackage p\n",
		blocks:     []codeBlock{{line: 2, text: "x := 1\n", directive: "args a int", directed: true}},
		problem:    "p.go:6: //docscheck:snippet without a code block",
		buildables: 1,
	}, {
		name: "no package doc",
		src:  "package p\n",
	}, {
		name: "lists are not code",
		src:  "// Package p.\n//\n//   - one\n//   - two\npackage p\n",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			doc, problems := docComment("p.go", []byte(tt.src))
			if len(doc.blocks) != len(tt.blocks) {
				t.Fatalf("got %d blocks %+v, want %d", len(doc.blocks), doc.blocks, len(tt.blocks))
			}
			for i, b := range doc.blocks {
				w := tt.blocks[i]
				if b.line != w.line || b.text != w.text || b.directive != w.directive || b.directed != w.directed || b.lang != "go" {
					t.Errorf("block %d = %+v, want %+v", i, b, w)
				}
			}
			snippets, more := snippetsOf("p.go", doc)
			problems = append(problems, more...)
			switch {
			case tt.problem == "" && len(problems) > 0:
				t.Errorf("problems %q, want none", problems)
			case tt.problem != "" && (len(problems) != 1 || !strings.Contains(problems[0], tt.problem)):
				t.Errorf("problems %q, want one with %q", problems, tt.problem)
			}
			if len(snippets) != tt.buildables {
				t.Errorf("%d snippets to build, want %d", len(snippets), tt.buildables)
			}
		})
	}
}
