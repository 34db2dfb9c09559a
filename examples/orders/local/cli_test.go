package main

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"time"
)

func TestCommandLine(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{[]string{"-h"}, 0, "Usage: go -C examples run ./orders/local"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"extra"}, 2, `orders/local: unexpected argument "extra"`},
		{[]string{"-posts", "0"}, 2, "orders/local: -posts 0: the demo needs at least 1 order to POST"},
		{[]string{"-posts", "x"}, 2, `invalid value "x" for flag -posts`},
		{[]string{"-format", "xml"}, 2, `orders/local: -format "xml": want segments or otlp`},
		{[]string{"-timeout", "0s"}, 2, "orders/local: -timeout 0s: want a positive duration"},
	} {
		var stdout, stderr bytes.Buffer
		code := command(context.Background(), c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, stderr.String())
		}
		if code == 2 && !strings.Contains(stderr.String(), "-timeout duration") {
			t.Errorf("%q: no usage:\n%s", c.args, stderr.String())
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: the demo ran:\n%s", c.args, stdout.String())
		}
	}
}

// TestTimeoutFails: when the traces cannot all arrive in time, the checks
// cannot be made, and the demo fails instead of saying OK.
func TestTimeoutFails(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	var out, progress bytes.Buffer
	_, err := run(ctx, options{posts: 1, timeout: time.Nanosecond, process: testProcess, progress: &progress}, &out)
	if err == nil || !strings.Contains(err.Error(), "gave up waiting for the traces (-timeout 1ns ran out)") {
		t.Errorf("err %v, want gave up waiting", err)
	}
	if strings.Contains(out.String(), "\nOK") {
		t.Errorf("says OK:\n%s", out.String())
	}
	if !strings.Contains(progress.String(), "gave up waiting: ") {
		t.Errorf("progress:\n%s", progress.String())
	}
}
