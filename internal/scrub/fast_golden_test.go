package scrub

import (
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// goldenStrings returns every string in the module's testdata: the keys
// and string values of its JSON files, and the lines of its other files.
func goldenStrings(t *testing.T) []string {
	var out []string
	var walk func(v any)
	walk = func(v any) {
		switch v := v.(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, e := range v {
				walk(e)
			}
		case map[string]any:
			for k, e := range v {
				out = append(out, k)
				walk(e)
			}
		}
	}
	root := filepath.Join("..", "..")
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(p), "/testdata/") {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		var v any
		if strings.HasSuffix(p, ".json") && json.Unmarshal(b, &v) == nil {
			walk(v)
			return nil
		}
		out = append(out, strings.Split(string(b), "\n")...)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestFastPathAgreesOnTestdata compares the fast path with the slow one on
// every string of the module's golden files and other testdata, and on
// every substring of the short ones.
func TestFastPathAgreesOnTestdata(t *testing.T) {
	strs := goldenStrings(t)
	if len(strs) < 100 {
		t.Fatalf("only %d strings in the module's testdata", len(strs))
	}
	t.Logf("%d strings", len(strs))
	for _, s := range strs {
		checkFastPath(t, s)
		if len(s) > 120 {
			continue
		}
		for i := 0; i <= len(s); i++ {
			for j := i + 1; j <= len(s); j++ {
				checkFastPath(t, s[i:j])
			}
		}
	}
}
