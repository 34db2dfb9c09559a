package xraysampler

import (
	"testing"

	"github.com/otelxray/otelxray/internal/samplingrules"

	"go.opentelemetry.io/otel/attribute"
)

// The rules of X-Ray's documentation example (Scorekeep), with rules for
// each field matched.
func docRules() []samplingrules.Rule {
	return []samplingrules.Rule{
		samplingrules.Default(),
		testRule("base-scorekeep", 9000, func(r *samplingrules.Rule) { r.ServiceName = "Scorekeep"; r.ReservoirSize = 2 }),
		testRule("polling-scorekeep", 5000, func(r *samplingrules.Rule) {
			r.ServiceName, r.HTTPMethod, r.URLPath = "Scorekeep", "GET", "/api/state/*"
		}),
		testRule("b-same-priority", 100, func(r *samplingrules.Rule) { r.Host = "b.example.com" }),
		testRule("a-same-priority", 100, func(r *samplingrules.Rule) { r.Host = "*.example.com" }),
		testRule("ec2-only", 200, func(r *samplingrules.Rule) { r.ServiceType = "AWS::EC2::Instance"; r.URLPath = "/ec2" }),
		testRule("ecs-only", 201, func(r *samplingrules.Rule) { r.ServiceType = "AWS::ECS::*"; r.URLPath = "/ecs" }),
		testRule("one-char", 300, func(r *samplingrules.Rule) { r.URLPath = "/v?/items" }),
		testRule("arn", 400, func(r *samplingrules.Rule) { r.ResourceARN = "arn:aws:ecs:*:container/abc" }),
		testRule("attribute", 500, func(r *samplingrules.Rule) { r.Attributes = map[string]string{"tenant": "gold-*"} }),
	}
}

func TestMatching(t *testing.T) {
	m := newManifest(docRules(), nil, newRuleState, testNow)
	ec2 := serviceOf(testResource(attribute.String("service.name", "Scorekeep"), attribute.String("cloud.platform", "aws_ec2")))
	ecs := serviceOf(testResource(attribute.String("service.name", "other"), attribute.String("cloud.platform", "aws_ecs"),
		attribute.String("aws.ecs.launchtype", "fargate"), attribute.String("aws.ecs.container.arn", "arn:aws:ecs:us-east-1:1:container/abc")))
	plain := serviceOf(testResource(attribute.String("service.name", "other")))
	for _, c := range []struct {
		name  string
		svc   service
		attrs []attribute.KeyValue
		want  string
	}{
		{"service name", ec2, httpAttrs("POST", "h", "/api/move"), "base-scorekeep"},
		{"service name is case-insensitive", serviceOf(testResource(attribute.String("service.name", "SCOREKEEP"))), nil, "base-scorekeep"},
		{"priority: polling before base", ec2, httpAttrs("GET", "h", "/api/state/1/2"), "polling-scorekeep"},
		{"method must match", ec2, httpAttrs("PUT", "h", "/api/state/1"), "base-scorekeep"},
		{"same priority: by name", plain, httpAttrs("GET", "b.example.com", "/"), "a-same-priority"},
		{"host wildcard", plain, httpAttrs("GET", "www.example.com", "/"), "a-same-priority"},
		{"host wildcard needs the dot", plain, httpAttrs("GET", "example.com", "/"), "Default"},
		{"service type EC2", ec2, httpAttrs("POST", "h", "/ec2"), "ec2-only"},
		{"service type ECS wildcard", ecs, httpAttrs("GET", "h", "/ecs"), "ecs-only"},
		{"service type not EC2", ecs, httpAttrs("GET", "h", "/ec2"), "arn"},
		{"no service type", plain, httpAttrs("GET", "h", "/ec2"), "Default"},
		{"question mark", plain, httpAttrs("GET", "h", "/v2/items"), "one-char"},
		{"question mark is one character", plain, httpAttrs("GET", "h", "/v10/items"), "Default"},
		{"resource ARN", ecs, nil, "arn"},
		{"attribute", plain, []attribute.KeyValue{attribute.String("tenant", "Gold-7")}, "attribute"},
		{"attribute must be a string", plain, []attribute.KeyValue{attribute.Int("tenant", 7)}, "Default"},
		{"no HTTP attributes: only * matches", plain, nil, "Default"},
		{"old conventions", ec2, []attribute.KeyValue{attribute.String("http.method", "GET"), attribute.String("http.target", "/api/state/x?y=1")}, "polling-scorekeep"},
		{"path from the URL", ec2, []attribute.KeyValue{attribute.String("http.method", "GET"), attribute.String("url.full", "https://h:8080/api/state/x?q#f")}, "polling-scorekeep"},
		{"host from http.host", plain, []attribute.KeyValue{attribute.String("http.host", "b.example.com")}, "a-same-priority"},
	} {
		q := newRequest(&c.svc, c.attrs)
		got := m.match(&q)
		if got == nil || got.RuleName != c.want {
			name := "<nil>"
			if got != nil {
				name = got.RuleName
			}
			t.Errorf("%s: matched %s, want %s (request %+v)", c.name, name, c.want, q)
		}
	}
}

func TestManifestOrder(t *testing.T) {
	m := newManifest(docRules(), nil, newRuleState, testNow)
	var names []string
	for _, r := range m.rules {
		names = append(names, r.RuleName)
	}
	want := []string{"a-same-priority", "b-same-priority", "ec2-only", "ecs-only", "one-char", "arn", "attribute", "polling-scorekeep", "base-scorekeep", "Default"}
	if len(names) != len(want) {
		t.Fatalf("order %v", names)
	}
	for i := range want {
		if names[i] != want[i] {
			t.Fatalf("order %v, want %v", names, want)
		}
	}
}

func TestManifestKeepsState(t *testing.T) {
	old := newManifest(docRules(), nil, newRuleState, testNow)
	st := old.byName["base-scorekeep"].st
	st.quota = 7
	changed := docRules()
	changed[1].FixedRate = 0.5
	m := newManifest(changed, old, newRuleState, testNow)
	if got := m.byName["base-scorekeep"].st; got != st || got.quota != 7 || got.rate != 0.5 {
		t.Errorf("state not kept or not updated: %+v", got)
	}
	if m.byName["Default"].st != old.byName["Default"].st {
		t.Error("unchanged rule lost its state")
	}
}

func TestURLPath(t *testing.T) {
	for in, want := range map[string]string{"https://h/a/b?c": "/a/b", "https://h": "/", "http://h?x": "/", "/p#f": "/p", "": "/", "https://h:1/p/": "/p/"} {
		if got := urlPath(in); got != want {
			t.Errorf("urlPath(%q) = %q, want %q", in, got, want)
		}
	}
}
