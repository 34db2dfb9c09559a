package docscheck

import (
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/xraylocal"
)

var newcomerService = flag.String("newcomer", "",
	"run TestNewcomer, expecting the quickstart's trace under this service name (CI: -newcomer=checkout)")

// pasted are the README blocks a newcomer pastes first, by their snippet
// names: each is built, and the quickstart is run.
var pasted = []string{"quickstart", "lambda", "awssdk"}

// TestNewcomer does what a new user does with the README: it pastes the
// quickstart, the Lambda handler and the AWS SDK lines into a new module
// outside the repository (requiring this checkout through a replace),
// builds them, runs the quickstart against an embedded xraylocal, and
// checks that its trace arrives, valid, under the expected service name.
// It runs only with -newcomer=NAME (a CI step), offline, from the module
// cache that `go mod download` fills in the root and examples modules.
func TestNewcomer(t *testing.T) {
	if *newcomerService == "" {
		t.Skip("run with -newcomer=SERVICE (see .ci/run)")
	}
	goTool := goCommand(t)
	root := repoRoot(t)
	src, err := os.ReadFile(filepath.Join(root, "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	snippets, problems := snippetsOf("README.md", parseMarkdown(string(src)))
	for _, p := range problems {
		t.Error(p)
	}
	dir, err := os.MkdirTemp("", "otelxray-newcomer-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if rel, err := filepath.Rel(root, dir); err == nil && !strings.HasPrefix(rel, "..") {
		t.Fatalf("the temporary module %s is inside the repository; set TMPDIR elsewhere", dir)
	}
	snippetModule(t, root, dir)
	readme := filepath.Join(root, "README.md")
	for _, name := range pasted {
		i := slices.IndexFunc(snippets, func(s snippet) bool { return s.note.name == name })
		if i < 0 {
			t.Fatalf("README.md has no Go block named %s (<!-- snippet: name %s -->)", name, name)
		}
		write(t, filepath.Join(dir, name, "main.go"), snippets[i].source(readme))
	}
	args := []string{"build", "-o", filepath.Join(dir, "bin") + string(filepath.Separator)}
	for _, name := range pasted {
		args = append(args, "./"+name)
	}
	if out, err := goRun(t, goTool, dir, args...); err != nil {
		t.Fatalf("the pasted README blocks do not build (go %s: %v):\n%s", strings.Join(args, " "), err, out)
	}

	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	run := exec.CommandContext(ctx, filepath.Join(dir, "bin", "quickstart"))
	run.Env = append(withoutEnv(os.Environ(), "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES", "AWS_LAMBDA_FUNCTION_NAME"),
		"AWS_XRAY_DAEMON_ADDRESS="+srv.UDPAddr())
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("the quickstart failed: %v\n%s", err, out)
	}
	if err := srv.WaitDocuments(ctx, 1); err != nil {
		t.Fatalf("no document from the quickstart reached xraylocal at %s: %v", srv.UDPAddr(), err)
	}
	for _, p := range srv.Problems() {
		t.Errorf("the quickstart sent an invalid document: %v", p)
	}
	var services []string
	for _, tr := range srv.Traces("") {
		services = append(services, tr.Services...)
	}
	if !slices.Contains(services, *newcomerService) {
		t.Fatalf("the quickstart's trace arrived under %q, want %q", services, *newcomerService)
	}
	t.Logf("built %s; the quickstart's trace arrived under %q", strings.Join(pasted, ", "), *newcomerService)
}

// withoutEnv is env without the variables named.
func withoutEnv(env []string, names ...string) []string {
	return slices.DeleteFunc(slices.Clone(env), func(kv string) bool {
		k, _, _ := strings.Cut(kv, "=")
		return slices.Contains(names, k)
	})
}
