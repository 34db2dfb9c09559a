package docscheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestDocLinks fails on every relative link of a Markdown file in the
// repository (README.md, docs/, the examples' READMEs, ...) that points at
// no file, at no heading of the file (#anchor, GitHub's slugs), or outside
// the repository. Absolute URLs are not fetched.
func TestDocLinks(t *testing.T) {
	root := repoRoot(t)
	files, err := markdownFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Fatal("no Markdown files found under " + root)
	}
	c := newLinkChecker(root)
	var problems []string
	links := 0
	for _, f := range files {
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		doc := parseMarkdown(string(src))
		links += len(doc.links)
		problems = append(problems, c.check(f, doc)...)
	}
	if len(problems) > 0 {
		t.Errorf("%d of %d links in %d Markdown files do not resolve:\n%s",
			len(problems), links, len(files), strings.Join(problems, "\n"))
	}
	t.Logf("%d links in %d Markdown files", links, len(files))
}
