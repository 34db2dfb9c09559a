package docscheck

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"strconv"
	"strings"
)

// snippet is one ```go block of a Markdown file, ready to be built.
type snippet struct {
	file  string // the Markdown file, as given to snippetsOf
	block codeBlock
	note  directive
}

// directive is a parsed "<!-- snippet: ... -->" comment.
type directive struct {
	imports []string // import specs, `"context"` or `sdktrace "go.opentelemetry.io/otel/sdk/trace"`
	args    string   // the wrapper function's parameter list: `ctx context.Context`
	skip    string   // why the block is not built; "" builds it
	name    string   // what other checks call the block ("quickstart"); "" for none
}

// parseDirective reads the clauses of a snippet comment, separated by ";":
// `imports "a" name "b"`, `args ctx context.Context`, `skip <reason>` and
// `name <word>`.
func parseDirective(s string) (directive, error) {
	var d directive
	for _, clause := range strings.Split(s, ";") {
		word, rest, _ := strings.Cut(strings.TrimSpace(clause), " ")
		rest = strings.TrimSpace(rest)
		switch word {
		case "":
		case "imports":
			specs, err := importSpecs(rest)
			if err != nil {
				return d, err
			}
			d.imports = append(d.imports, specs...)
		case "args":
			d.args = rest
		case "skip":
			if rest == "" {
				return d, fmt.Errorf("skip needs a reason: <!-- snippet: skip pseudo-code, not Go -->")
			}
			d.skip = rest
		case "name":
			if rest == "" || strings.ContainsAny(rest, " \t") {
				return d, fmt.Errorf("name takes one word: <!-- snippet: name quickstart -->")
			}
			d.name = rest
		default:
			return d, fmt.Errorf("unknown clause %q: want imports, args, skip or name", word)
		}
	}
	return d, nil
}

// importSpecs splits `"a" name "b"` into `"a"` and `name "b"`.
func importSpecs(s string) ([]string, error) {
	var specs []string
	name := ""
	for _, f := range strings.Fields(s) {
		if !strings.HasPrefix(f, `"`) {
			if name != "" {
				return nil, fmt.Errorf("imports: two names in a row (%s %s): a name goes before a quoted path", name, f)
			}
			name = f
			continue
		}
		if _, err := strconv.Unquote(f); err != nil {
			return nil, fmt.Errorf("imports: %s is not a quoted path", f)
		}
		specs = append(specs, strings.TrimSpace(name+" "+f))
		name = ""
	}
	if name != "" {
		return nil, fmt.Errorf("imports: the name %s has no path after it", name)
	}
	return specs, nil
}

// snippetsOf returns the Go blocks of doc (the Markdown file file) to build,
// and a problem for each block that follows no convention.
func snippetsOf(file string, doc document) ([]snippet, []string) {
	var snippets []snippet
	var problems []string
	for _, b := range doc.blocks {
		if b.lang != "go" {
			continue
		}
		s := snippet{file: file, block: b}
		if b.directed {
			d, err := parseDirective(b.directive)
			if err != nil {
				problems = append(problems, fmt.Sprintf("%s:%d: snippet comment: %v", file, b.noteLine, err))
				continue
			}
			s.note = d
		}
		switch {
		case s.note.skip != "":
			continue
		case !s.whole() && !b.directed:
			problems = append(problems, fmt.Sprintf("%s:%d: a Go block that is not a whole file (no package clause) "+
				"and has no snippet comment (<!-- snippet: imports ... --> before it in Markdown, %s in a doc comment): "+
				"make it a whole program, or add the comment", file, b.line, docDirective))
			continue
		}
		snippets = append(snippets, s)
	}
	return snippets, problems
}

// whole reports whether the block is a whole Go file: its first line that
// is not blank or a comment is a package clause.
func (s snippet) whole() bool { return wholeFile(s.block.text) }

// wholeFile reports whether text is a whole Go file: its first line that is
// not blank or a comment is a package clause.
func wholeFile(text string) bool {
	sc := bufio.NewScanner(strings.NewReader(text))
	for sc.Scan() {
		t := strings.TrimSpace(sc.Text())
		if t == "" || strings.HasPrefix(t, "//") {
			continue
		}
		return strings.HasPrefix(t, "package ")
	}
	return false
}

// source is the Go file to build for the snippet. Its //line comments make
// the compiler and vet report positions in mdPath, the Markdown file. A
// whole file is built as it is; a fragment becomes the body of a function
// `func _(<args>)` in a package of its own, with the imports of its
// comment, and every variable it declares at its top level is used once
// (`_ = v`), so that a fragment may stop short of using what it shows.
func (s snippet) source(mdPath string) string {
	at := fmt.Sprintf("//line %s:%d\n", mdPath, s.block.line+1)
	if s.whole() {
		return at + s.block.text
	}
	head := "package snippet\n\nimport (\n"
	for _, spec := range s.note.imports {
		head += "\t" + spec + "\n"
	}
	head += ")\n\nfunc _(" + s.note.args + ") {\n"
	body := at + s.block.text
	uses := ""
	for _, v := range declared(head + body + "}\n") {
		uses += "\t_ = " + v + "\n"
	}
	return head + body + uses + "}\n"
}

// declared lists the variables that the one function of src declares in
// its top-level statements, in order. A file that does not parse gives
// none: the build reports the syntax error.
func declared(src string) []string {
	f, err := parser.ParseFile(token.NewFileSet(), "", src, parser.SkipObjectResolution)
	if err != nil {
		return nil
	}
	var names []string
	seen := map[string]bool{}
	add := func(id *ast.Ident) {
		if id.Name != "_" && !seen[id.Name] {
			seen[id.Name] = true
			names = append(names, id.Name)
		}
	}
	for _, decl := range f.Decls {
		fn, ok := decl.(*ast.FuncDecl)
		if !ok || fn.Body == nil {
			continue
		}
		for _, stmt := range fn.Body.List {
			switch st := stmt.(type) {
			case *ast.AssignStmt:
				if st.Tok == token.DEFINE {
					for _, e := range st.Lhs {
						if id, ok := e.(*ast.Ident); ok {
							add(id)
						}
					}
				}
			case *ast.DeclStmt:
				if g, ok := st.Decl.(*ast.GenDecl); ok && g.Tok == token.VAR {
					for _, spec := range g.Specs {
						for _, id := range spec.(*ast.ValueSpec).Names {
							add(id)
						}
					}
				}
			}
		}
	}
	return names
}

// moduleFile is the go.mod of the temporary module that builds the
// snippets, made from the examples module's go.mod (baseGoMod): the
// snippets use what the examples use (the AWS SDK's config, service
// clients), which the root module does not require. Its module line and
// its replace of the root module go; a replace that points the root module
// at root, the checkout under test, comes instead, with a requirement of it
// when the base has none.
func moduleFile(baseGoMod, rootModule, root string) string {
	var b strings.Builder
	b.WriteString("module otelxray.invalid/snippets\n\n")
	required := false
	sc := bufio.NewScanner(strings.NewReader(baseGoMod))
	for sc.Scan() {
		line := sc.Text()
		f := strings.Fields(line)
		switch {
		case len(f) > 0 && f[0] == "module":
			continue
		case len(f) > 1 && f[0] == "replace" && f[1] == rootModule:
			continue
		case len(f) > 0 && (f[0] == rootModule || len(f) > 1 && f[0] == "require" && f[1] == rootModule):
			required = true
		}
		b.WriteString(line + "\n")
	}
	if !required {
		fmt.Fprintf(&b, "\nrequire %s v0.0.0-00010101000000-000000000000\n", rootModule)
	}
	fmt.Fprintf(&b, "\nreplace %s => %s\n", rootModule, strconv.Quote(root))
	return b.String()
}
