package docscheck

import (
	"fmt"
	"go/doc/comment"
	"go/parser"
	"go/token"
	"strings"
)

// docDirective is the prefix of a snippet directive in a Go doc comment.
// Like //go: lines, it is a directive: go doc and pkg.go.dev do not show
// it, and gofmt moves it to the end of the comment, so directives are
// matched to code blocks by their order (see snippets_test.go).
const docDirective = "//docscheck:snippet"

// docComment reads the package doc comment of src, the Go file file, as a
// document whose blocks are the comment's code blocks, each with its
// directive: the k-th //docscheck:snippet line belongs to the k-th block
// that is not a whole Go file. A file without a package doc comment gives
// an empty document.
func docComment(file string, src []byte) (document, []string) {
	fset := token.NewFileSet()
	f, err := parser.ParseFile(fset, file, src, parser.ParseComments|parser.PackageClauseOnly)
	if err != nil {
		return document{}, []string{fmt.Sprintf("%s: %v", file, err)}
	}
	if f.Doc == nil {
		return document{}, nil
	}
	var notes []codeBlock // the directives, in order
	var raw []string      // the comment's lines, as written
	var lines []int       // their line numbers
	for _, c := range f.Doc.List {
		line := fset.Position(c.Slash).Line
		if rest, ok := strings.CutPrefix(c.Text, docDirective); ok {
			notes = append(notes, codeBlock{directive: strings.TrimSpace(rest), directed: true, noteLine: line})
			continue
		}
		raw, lines = append(raw, c.Text), append(lines, line)
	}

	var doc document
	var problems []string
	var p comment.Parser
	from := 0
	for _, b := range p.Parse(f.Doc.Text()).Content {
		code, ok := b.(*comment.Code)
		if !ok {
			continue
		}
		first, _, _ := strings.Cut(code.Text, "\n")
		at := from
		for at < len(raw) && strings.TrimSpace(strings.TrimPrefix(raw[at], "//")) != strings.TrimSpace(first) {
			at++
		}
		block := codeBlock{lang: "go", text: code.Text}
		if at < len(raw) {
			block.line, from = lines[at]-1, at+1 // line is the "fence": the line before the code
		}
		if !wholeFile(block.text) && len(notes) > 0 { // without one, snippetsOf reports the block
			n := notes[0]
			notes = notes[1:]
			block.directive, block.directed, block.noteLine = n.directive, true, n.noteLine
		}
		doc.blocks = append(doc.blocks, block)
	}
	for _, n := range notes {
		problems = append(problems, fmt.Sprintf("%s:%d: %s without a code block: there are more directives than blocks that need one",
			file, n.noteLine, docDirective))
	}
	return doc, problems
}
