package docscheck

// The snippet convention, checked by TestSnippets:
//
// Every ```go block of every README.md and docs/*.md page, and every code
// block of the package doc comment of every doc.go, is built against the
// packages of this checkout, in one temporary module (the examples
// module's requirements, a replace of github.com/otelxray/otelxray to the
// checkout), with one `go vet ./...` run; errors name the README's or the
// doc.go's lines.
//
//   - A block whose first line that is not blank or a comment is a package
//     clause is a whole file, and is built as it is, alone in its package:
//     what a reader pastes into main.go. Prefer these in READMEs.
//
//   - Any other block is a fragment: statements, with the comment
//
//     <!-- snippet: imports "context" sdktrace "go.opentelemetry.io/otel/sdk/trace"; args ctx context.Context -->
//
//     on the line before its fence (blank lines between are fine). The
//     fragment becomes the body of `func _(<args>)` in a file with those
//     imports, and each variable it declares at its top level is used once,
//     so a fragment may stop short of using what it shows. Clauses are
//     separated by ";": `imports` takes import specs (a quoted path, with a
//     name before it where the code uses another one), `args` a Go parameter
//     list for names the fragment uses but does not declare, `name` a word
//     by which other checks find the block (TestNewcomer pastes the blocks
//     named quickstart, lambda and awssdk).
//
//   - In a doc comment, the same clauses go on a directive line,
//
//     //docscheck:snippet imports "context"; args ctx context.Context
//
//     which go doc does not show and gofmt moves to the end of the comment:
//     the k-th such line belongs to the k-th code block of the comment that
//     is not a whole file, so there is one per fragment, in order.
//
//   - `skip <reason>` leaves a block out: for text that is not Go, never
//     for Go that does not compile.
//
// A fragment without its comment or directive fails the test.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestSnippets builds every Go snippet of the READMEs and of the package
// doc comments (see the convention above). It needs the go command and a
// module cache holding the root and examples modules' requirements, or
// the module proxy to fetch them; it skips without the go command.
func TestSnippets(t *testing.T) {
	goTool := goCommand(t)
	root := repoRoot(t)
	snippets := allSnippets(t, root)
	if len(snippets) == 0 {
		t.Fatal("no Go snippets found in the READMEs and doc comments")
	}
	watchSources(t, root)

	dir := t.TempDir()
	snippetModule(t, root, dir)
	for i, s := range snippets {
		src := filepath.Join(root, filepath.FromSlash(s.file))
		write(t, filepath.Join(dir, fmt.Sprintf("s%02d", i), "snippet.go"), s.source(src))
	}
	if out, err := goRun(t, goTool, dir, "vet", "./..."); err != nil {
		t.Errorf("the Go snippets do not build (go vet: %v); fix the README or doc comment, see the convention in snippets_test.go:\n%s",
			err, out)
	}
	t.Logf("%d snippets built", len(snippets))
}

// allSnippets gathers the snippets to build: those of every README.md and
// of the package doc comment of every doc.go. A block that follows no
// convention fails the test.
func allSnippets(t *testing.T, root string) []snippet {
	t.Helper()
	files, err := markdownFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var docs []string
	err = filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if skipped(root, p, d) {
			return filepath.SkipDir
		}
		if !d.IsDir() && d.Name() == "doc.go" {
			rel, err := filepath.Rel(root, p)
			docs = append(docs, filepath.ToSlash(rel))
			return err
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	var snippets []snippet
	add := func(file string, doc document, problems []string) {
		s, p := snippetsOf(file, doc)
		snippets = append(snippets, s...)
		for _, p := range append(problems, p...) {
			t.Error(p)
		}
	}
	for _, f := range append(files, docs...) {
		md := strings.HasSuffix(f, ".md")
		if md && path.Base(f) != "README.md" && !strings.HasPrefix(f, "docs/") {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		if md {
			add(f, parseMarkdown(string(src)), nil)
		} else {
			doc, problems := docComment(f, src)
			add(f, doc, problems)
		}
	}
	return snippets
}

// snippetModule writes the go.mod and go.sum of a module in dir that
// builds snippets against the checkout root (see moduleFile).
func snippetModule(t *testing.T, root, dir string) {
	t.Helper()
	goMod, err := os.ReadFile(filepath.Join(root, "examples", "go.mod"))
	if err != nil {
		t.Fatal(err)
	}
	write(t, filepath.Join(dir, "go.mod"), moduleFile(string(goMod), rootModule, root))
	var sums []byte
	for _, m := range []string{".", "examples"} {
		if goSum, err := os.ReadFile(filepath.Join(root, m, "go.sum")); err == nil {
			sums = append(sums, goSum...)
		}
	}
	write(t, filepath.Join(dir, "go.sum"), string(sums))
}

// goCommand is the path of the go command; the test skips without one.
func goCommand(t *testing.T) string {
	t.Helper()
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH, so the snippets cannot be built")
	}
	return goTool
}

// goRun runs the go command in dir, with -mod=mod so that the go.mod made
// from a base may be completed, and without a workspace. It uses the
// module cache, and the user's GOPROXY for what the cache lacks (a fresh
// machine has not downloaded the examples module's requirements).
func goRun(t *testing.T, goTool, dir string, args ...string) (string, error) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	cmd := exec.CommandContext(ctx, goTool, args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"), "GOWORK=off")
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	err := cmd.Run()
	return out.String(), err
}

// watchSources stats the root module's files that the snippets build from,
// so that go test's cache reruns this test when one of them changes: the go
// command it runs reads them, and go test sees only what the test reads.
func watchSources(t *testing.T, root string) {
	t.Helper()
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if skipped(root, p, d) {
			return filepath.SkipDir
		}
		if !d.IsDir() && (strings.HasSuffix(p, ".go") || d.Name() == "go.mod" || d.Name() == "go.sum") {
			_, err = os.Stat(p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func write(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
