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
