package docscheck

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const rootModule = "github.com/otelxray/otelxray"

// repoRoot is the folder of the root module's go.mod, above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if b, err := os.ReadFile(filepath.Join(dir, "go.mod")); err == nil &&
			strings.HasPrefix(string(b), "module "+rootModule+"\n") {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatalf("no go.mod of %s above this package", rootModule)
		}
		dir = parent
	}
}
