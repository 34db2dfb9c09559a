package main

import (
	"net/http"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/ddlocal"
)

// TestCheckDatadogMissing: a change with no Datadog trace, or a stand-in
// that could not read a payload, is a problem checkDatadog names.
func TestCheckDatadogMissing(t *testing.T) {
	dd, err := ddlocal.Start(ddlocal.WithoutStatsd())
	if err != nil {
		t.Fatal(err)
	}
	defer dd.Close()
	for _, tc := range []struct {
		name  string
		calls []call
		want  string
	}{
		{"no calls", nil, ""},
		{"a GET is not checked", []call{{method: "GET", path: "/products/p-1", root: "1-6b105358-9b6f8d8fabd697389017fe75"}}, ""},
		{"a POST without its trace", []call{{method: "POST", path: "/products", root: "1-6b105358-9b6f8d8fabd697389017fe75"}},
			"Datadog: POST /products: no Datadog trace 1-6b105358-9b6f8d8fabd697389017fe75"},
	} {
		var f findings
		f.checkDatadog(dd, tc.calls)
		got := strings.Join(f.Problems, "; ")
		if (tc.want == "") != (got == "") || !strings.Contains(got, tc.want) {
			t.Errorf("%s: problems %q, want %q", tc.name, got, tc.want)
		}
	}
	resp, err := http.Post(dd.URL()+"/v0.4/traces", "application/msgpack", strings.NewReader("not msgpack"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	var f findings
	f.checkDatadog(dd, nil)
	if got := strings.Join(f.Problems, "; "); !strings.Contains(got, "could not read 1 trace payload(s)") {
		t.Errorf("after a bad payload: problems %q, want the payload named", got)
	}
}
