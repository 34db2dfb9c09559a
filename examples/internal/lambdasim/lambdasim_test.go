package lambdasim

import (
	"regexp"
	"testing"
)

func TestCallerFromHeader(t *testing.T) {
	const root = "1-5759e988-bd862e3fe1be46a994272793"
	for _, tc := range []struct {
		header string
		want   Caller
	}{
		{"", Caller{}},
		{"garbage", Caller{}},
		{"Root=" + root, Caller{Root: root}},
		{"Root=" + root + ";Parent=53995c3f42cd8ad8;Sampled=1", Caller{Root: root, Parent: "53995c3f42cd8ad8"}},
		{"Root=" + root + ";Parent=53995c3f42cd8ad8;Sampled=0", Caller{Root: root, Parent: "53995c3f42cd8ad8", Unsampled: true}},
		{"Root=" + root + ";Parent=short;Sampled=1;Lineage=a87bd80c:0", Caller{Root: root}},
	} {
		if got := CallerFromHeader(tc.header); got != tc.want {
			t.Errorf("CallerFromHeader(%q) = %+v, want %+v", tc.header, got, tc.want)
		}
	}
}

func TestIDs(t *testing.T) {
	if r := NewRoot(); !regexp.MustCompile(`^1-[0-9a-f]{8}-[0-9a-f]{24}$`).MatchString(r) {
		t.Errorf("NewRoot() = %q", r)
	}
	if id := newID(); !regexp.MustCompile(`^[0-9a-f]{16}$`).MatchString(id) {
		t.Errorf("newID() = %q", id)
	}
	if h := traceHeader("1-a-b", "c", true); h != "Root=1-a-b;Parent=c;Sampled=1" {
		t.Errorf("traceHeader = %q", h)
	}
}

func TestQueueARN(t *testing.T) {
	got := queueARN("http://127.0.0.1:4566/123456789012/order-changes", "eu-west-1")
	if want := "arn:aws:sqs:eu-west-1:123456789012:order-changes"; got != want {
		t.Errorf("queueARN = %q, want %q", got, want)
	}
}
