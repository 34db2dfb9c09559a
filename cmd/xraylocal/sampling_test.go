package main

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunSamplingRules(t *testing.T) {
	dir := t.TempDir()
	rules := filepath.Join(dir, "rules.json")
	if err := os.WriteFile(rules, []byte(`{"version":2,"rules":[],"default":{"fixed_target":7,"rate":0.5}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, _, _, _ := runDaemon(t, []string{"-listen", "127.0.0.1:0", "-http", "127.0.0.1:0", "-sampling-rules", rules}, noEnv)
	resp, err := http.Post(srv.URL()+"GetSamplingRules", "application/json", strings.NewReader(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if !strings.Contains(string(b), `"ReservoirSize":7`) || !strings.Contains(string(b), `"FixedRate":0.5`) {
		t.Errorf("rules served: %s", b)
	}

	bad := filepath.Join(dir, "bad.json")
	if err := os.WriteFile(bad, []byte(`{"version":2}`), 0o600); err != nil {
		t.Fatal(err)
	}
	err = run(context.Background(), []string{"-listen", "127.0.0.1:0", "-http", "off", "-sampling-rules", bad}, &bytes.Buffer{}, &bytes.Buffer{}, noEnv, nil)
	if err == nil || !strings.Contains(err.Error(), "sampling rules") {
		t.Errorf("a bad rules file: %v", err)
	}
}
