package docscheck

// The README snippet convention, checked by TestREADMESnippets:
//
// Every ```go block of every README.md in the repository is built, against
// the packages of this checkout, in one temporary module (the root go.mod's
// requirements, a replace of github.com/otelxray/otelxray to the checkout),
// with one `go vet ./...` run; errors name the README's lines.
//
//   - A block whose first line that is not blank or a comment is a package
//     clause is a whole file, and is built as it is, alone in its package:
//     what a reader pastes into main.go. Prefer these.
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
//     list for names the fragment uses but does not declare.
//
//   - `<!-- snippet: skip <reason> -->` leaves a block out: for text that
//     is not Go, never for Go that does not compile.
//
// A fragment without the comment fails the test.

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestREADMESnippets builds every Go snippet of the READMEs (see the
// convention above). It needs the go command and a module cache holding the
// root module's requirements (`go mod download`); it skips without the go
// command.
func TestREADMESnippets(t *testing.T) {
	goTool, err := exec.LookPath("go")
	if err != nil {
		t.Skip("the go command is not on PATH, so the README snippets cannot be built")
	}
	root := repoRoot(t)
	files, err := markdownFiles(root)
	if err != nil {
		t.Fatal(err)
	}
	var snippets []snippet
	var problems []string
	for _, f := range files {
		if filepath.Base(f) != "README.md" {
			continue
		}
		src, err := os.ReadFile(filepath.Join(root, filepath.FromSlash(f)))
		if err != nil {
			t.Fatal(err)
		}
		s, p := snippetsOf(f, parseMarkdown(string(src)))
		snippets, problems = append(snippets, s...), append(problems, p...)
	}
	for _, p := range problems {
		t.Error(p)
	}
	if len(snippets) == 0 {
		t.Fatal("no Go snippets found in the READMEs")
	}
	watchSources(t, root)

	dir := t.TempDir()
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
	for i, s := range snippets {
		md := filepath.Join(root, filepath.FromSlash(s.file))
		write(t, filepath.Join(dir, fmt.Sprintf("s%02d", i), "snippet.go"), s.source(md))
	}

	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	vet := exec.CommandContext(ctx, goTool, "vet", "./...")
	vet.Dir = dir
	vet.Env = append(os.Environ(), "GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -mod=mod"), "GOWORK=off")
	var out bytes.Buffer
	vet.Stdout, vet.Stderr = &out, &out
	if err := vet.Run(); err != nil {
		t.Errorf("the README Go snippets do not build (go vet: %v); fix the README, see the convention in snippets_test.go:\n%s",
			err, out.String())
	}
	t.Logf("%d snippets built", len(snippets))
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
