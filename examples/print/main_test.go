package main

import (
	"bytes"
	"strings"
	"testing"
)

func TestRun(t *testing.T) {
	var out bytes.Buffer
	if err := run(&out); err != nil {
		t.Fatalf("%v\n%s", err, out.String())
	}
	for _, want := range []string{`"parent_id": "53995c3f42cd8ad8"`, `"name": "DynamoDB"`, `"table_name": "orders"`,
		`"queue_url"`, `"name": "payments.example.com"`, `"fault": true`, "valid"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %s:\n%s", want, out.String())
		}
	}
	if strings.Contains(out.String(), "INVALID") {
		t.Errorf("invalid documents:\n%s", out.String())
	}
}

func TestCommand(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string // in stderr
	}{
		{nil, 0, ""},
		{[]string{"-h"}, 0, "Usage: print"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"extra"}, 2, `print: unexpected argument "extra"`},
	} {
		var stdout, stderr bytes.Buffer
		if code := command(c.args, &stdout, &stderr); code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, stderr.String())
		}
		if ran := stdout.Len() > 0; ran != (c.code == 0 && len(c.args) == 0) {
			t.Errorf("%q: ran %v:\n%s", c.args, ran, stdout.String())
		}
	}
}
