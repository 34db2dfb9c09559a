package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/examples/internal/loadgen"
)

func TestLoadFlags(t *testing.T) {
	for _, c := range []struct {
		args []string
		want string
	}{
		{[]string{"-load", "1h"}, "-load 1h0m0s: want a duration up to 10m0s"},
		{[]string{"-load", "1s", "-rate", "0"}, "-rate 0: want 1 to 2000"},
		{[]string{"-load", "1s", "-serve"}, "-load and -serve: pick one"},
	} {
		var stdout, stderr bytes.Buffer
		if code := command(context.Background(), c.args, &stdout, &stderr); code != 2 || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, want 2 and %q in:\n%s", c.args, code, c.want, stderr.String())
		}
	}
}

// TestShortLoad: a brief load passes, with no invalid document and no
// unexplained loss (no timing is checked).
func TestShortLoad(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out bytes.Buffer
	err := loadTest(ctx, options{load: loadgen.Flags{Duration: time.Second, Rate: 10}, timeout: 3 * time.Minute, process: testProcess}, &out)
	t.Logf("load output:\n%s", out.String())
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "| invalid datagrams | 0 | 0 |") {
		t.Error("no table with 0 invalid datagrams")
	}
}
