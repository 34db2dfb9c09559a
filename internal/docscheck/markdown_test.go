package docscheck

import (
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"testing"
)

func TestSlug(t *testing.T) {
	tests := []struct {
		headings []string
		want     []string
	}{
		{[]string{"Quickstart (a plain program)"}, []string{"quickstart-a-plain-program"}},
		{[]string{"See the service map locally: xraylocal"}, []string{"see-the-service-map-locally-xraylocal"}},
		{[]string{"Sizes, packing and losses"}, []string{"sizes-packing-and-losses"}},
		{[]string{"span→document & `Validate`"}, []string{"spandocument--validate"}},
		{[]string{"snake_case and-dash"}, []string{"snake_case-and-dash"}},
		{[]string{"Ünïcode 2"}, []string{"ünïcode-2"}},
		{[]string{"Run", "Run", "Run-1", "Run"}, []string{"run", "run-1", "run-1-1", "run-2"}},
	}
	for _, tt := range tests {
		s := newSlugger()
		var got []string
		for _, h := range tt.headings {
			got = append(got, s.slug(headingText(h)))
		}
		if !reflect.DeepEqual(got, tt.want) {
			t.Errorf("slugs of %q = %q, want %q", tt.headings, got, tt.want)
		}
	}
}

func TestParseMarkdown(t *testing.T) {
	src := strings.Join([]string{
		"# Title with `code` and [a link](x.md)", // 1
		"",
		"See [one](a.md), ![img](b.png \"title\") and `[not](c.md)`.", // 3
		"A [link whose text",
		"wraps](d.md#part) and <https://example.com>.", // 5
		"",
		"<!-- snippet: imports \"fmt\" -->", // 7
		"```go",
		"fmt.Println(\"[not](e.md)\")",
		"```",
		"~~~~",
		"```",
		"[not](f.md)",
		"~~~~",
		"Setext title", // 15
		"------------",
		"[ref]: g.md", // 17
		`<a href="h.md">h</a> <img src="i.png"> <a name="custom"></a>`,
		"",
		"---",
		"## Title with code and a link", // 21
	}, "\n")
	doc := parseMarkdown(src)
	wantLinks := []link{{1, "x.md"}, {3, "a.md"}, {3, "b.png"}, {4, "d.md#part"}, {17, "g.md"}, {18, "h.md"}, {18, "i.png"}}
	sort.Slice(doc.links, func(i, j int) bool {
		if doc.links[i].line != doc.links[j].line {
			return doc.links[i].line < doc.links[j].line
		}
		return doc.links[i].dest < doc.links[j].dest
	})
	if !reflect.DeepEqual(doc.links, wantLinks) {
		t.Errorf("links = %v, want %v", doc.links, wantLinks)
	}
	wantAnchors := map[string]bool{"title-with-code-and-a-link": true, "title-with-code-and-a-link-1": true,
		"setext-title": true, "custom": true}
	if !reflect.DeepEqual(doc.anchors, wantAnchors) {
		t.Errorf("anchors = %v, want %v", doc.anchors, wantAnchors)
	}
	if len(doc.blocks) != 2 {
		t.Fatalf("%d blocks, want 2: %+v", len(doc.blocks), doc.blocks)
	}
	want := codeBlock{line: 8, lang: "go", text: "fmt.Println(\"[not](e.md)\")\n", directive: `imports "fmt"`, directed: true, noteLine: 7}
	if doc.blocks[0] != want {
		t.Errorf("block = %+v, want %+v", doc.blocks[0], want)
	}
	if b := doc.blocks[1]; b.lang != "" || b.text != "```\n[not](f.md)\n" || b.directed {
		t.Errorf("tilde block = %+v, want the backtick fence and the link as its text", b)
	}
}

func TestResolve(t *testing.T) {
	root := t.TempDir()
	for name, content := range map[string]string{
		"README.md":        "# Top\n\n## Use it\n",
		"docs/guide.md":    "# Guide\n\n## Step one\n",
		"src/main.go":      "package main\n",
		"examples/doc.txt": "",
	} {
		write(t, filepath.Join(root, filepath.FromSlash(name)), content)
	}
	tests := []struct {
		from, dest string
		want       string // a part of the error; "" for none
	}{
		{"README.md", "docs/guide.md", ""},
		{"README.md", "docs/guide.md#step-one", ""},
		{"README.md", "./docs/", ""},
		{"README.md", "#use-it", ""},
		{"README.md", "src/main.go#L1-L3", ""},
		{"README.md", "https://example.com/missing.md", ""},
		{"README.md", "mailto:someone@example.com", ""},
		{"docs/guide.md", "../README.md#top", ""},
		{"docs/guide.md", "/src/main.go", ""},
		{"docs/guide.md", "#step-one", ""},
		{"README.md", "docs/guid%65.md", ""},
		{"README.md", "docs/missing.md", "no such file or folder docs/missing.md"},
		{"README.md", "docs/guide.md#step-two", "no heading with the anchor #step-two (anchors: #guide #step-one)"},
		{"README.md", "#missing", "README.md has no heading with the anchor #missing"},
		{"README.md", "docs#x", "an anchor on a folder"},
		{"README.md", "src/main.go#main", "not Markdown"},
		{"README.md", "../shared/docs/xray-wire.md", "the shared docs are not in the repository"},
		{"docs/guide.md", "../../elsewhere.md", "points outside the repository"},
		{"README.md", "", "empty destination"},
	}
	c := newLinkChecker(root)
	for _, tt := range tests {
		err := c.resolve(tt.from, tt.dest)
		switch {
		case tt.want == "" && err != nil:
			t.Errorf("%s: %s: %v, want no error", tt.from, tt.dest, err)
		case tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)):
			t.Errorf("%s: %s: %v, want an error with %q", tt.from, tt.dest, err, tt.want)
		}
	}
}

func TestParseDirective(t *testing.T) {
	tests := []struct {
		in      string
		want    directive
		wantErr string
	}{
		{`imports "context" sdktrace "go.opentelemetry.io/otel/sdk/trace"; args ctx context.Context`,
			directive{imports: []string{`"context"`, `sdktrace "go.opentelemetry.io/otel/sdk/trace"`}, args: "ctx context.Context"}, ""},
		{`skip shell output, not Go`, directive{skip: "shell output, not Go"}, ""},
		{``, directive{}, ""},
		{`skip`, directive{}, "skip needs a reason"},
		{`import "fmt"`, directive{}, `unknown clause "import"`},
		{`imports a b "fmt"`, directive{}, "two names in a row"},
		{`imports "fmt" x`, directive{}, "has no path after it"},
		{`imports "fmt`, directive{}, "not a quoted path"},
	}
	for _, tt := range tests {
		got, err := parseDirective(tt.in)
		if tt.wantErr != "" {
			if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
				t.Errorf("parseDirective(%q) error = %v, want %q", tt.in, err, tt.wantErr)
			}
			continue
		}
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("parseDirective(%q) = %+v, %v; want %+v", tt.in, got, err, tt.want)
		}
	}
}

func TestSnippetSource(t *testing.T) {
	whole := snippet{block: codeBlock{line: 10, text: "// Command x.\npackage main\n\nfunc main() {}\n"}}
	if got, want := whole.source("/r/README.md"), "//line /r/README.md:11\n// Command x.\npackage main\n\nfunc main() {}\n"; got != want {
		t.Errorf("whole file source =\n%s\nwant\n%s", got, want)
	}
	frag := snippet{
		block: codeBlock{line: 3, text: "a, err := f(ctx)\nvar b, _ = 1, 2\nerr = nil\nif x := 1; x > 0 {\n\ty := 2\n}\n", directed: true},
		note:  directive{imports: []string{`"context"`}, args: "ctx context.Context"},
	}
	want := "package snippet\n\nimport (\n\t\"context\"\n)\n\nfunc _(ctx context.Context) {\n//line /r/README.md:4\n" +
		frag.block.text + "\t_ = a\n\t_ = err\n\t_ = b\n}\n"
	if got := frag.source("/r/README.md"); got != want {
		t.Errorf("fragment source =\n%s\nwant\n%s", got, want)
	}
	if whole.whole() == frag.whole() {
		t.Errorf("whole() = %v for both a file and a fragment", whole.whole())
	}
}

func TestSnippetsOf(t *testing.T) {
	doc := parseMarkdown("```go\npackage main\n```\n\n```go\nx := 1\n```\n\n<!-- snippet: skip not Go -->\n```go\n???\n```\n" +
		"<!-- snippet: bogus -->\n\n```go\nx\n```\n```sh\nls\n```\n")
	got, problems := snippetsOf("R.md", doc)
	if len(got) != 1 || got[0].block.line != 1 {
		t.Errorf("snippets = %+v, want the whole file at line 1 only", got)
	}
	want := []string{"R.md:5: a Go block that is not a whole file", "R.md:13: snippet comment: unknown clause"}
	if len(problems) != len(want) {
		t.Fatalf("problems = %q, want %d", problems, len(want))
	}
	for i, p := range problems {
		if !strings.HasPrefix(p, want[i]) {
			t.Errorf("problem %d = %q, want it to start with %q", i, p, want[i])
		}
	}
}

func TestModuleFile(t *testing.T) {
	for _, c := range []struct{ base, want string }{
		{"module example.com/root/examples\n\ngo 1.26.0\n\nreplace example.com/root => ../\n\nrequire (\n\ta.b/c v1.0.0\n\texample.com/root v0.0.0-00010101000000-000000000000\n)\n",
			"module otelxray.invalid/snippets\n\n\ngo 1.26.0\n\n\nrequire (\n\ta.b/c v1.0.0\n\texample.com/root v0.0.0-00010101000000-000000000000\n)\n" +
				"\nreplace example.com/root => \"/src/root\"\n"},
		{"module example.com/root\n\ngo 1.26.0\n\nrequire a.b/c v1.0.0\n",
			"module otelxray.invalid/snippets\n\n\ngo 1.26.0\n\nrequire a.b/c v1.0.0\n" +
				"\nrequire example.com/root v0.0.0-00010101000000-000000000000\n\nreplace example.com/root => \"/src/root\"\n"},
	} {
		if got := moduleFile(c.base, "example.com/root", "/src/root"); got != c.want {
			t.Errorf("moduleFile(%q) =\n%s\nwant\n%s", c.base, got, c.want)
		}
	}
}
