package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/xraylocal"
)

func TestMain(m *testing.M) {
	// The demo starts the test binary again for each function.
	if name := os.Getenv(functionEnv); name != "" {
		runFunction(name) // never returns
	}
	os.Exit(m.Run())
}

// TestOrdersDemo runs the whole demo: real function processes, the API,
// the queue and xraylocal; then it checks the service map.
func TestOrdersDemo(t *testing.T) {
	// Generous: a loaded 2-core machine runs three race-enabled processes.
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, fnOut bytes.Buffer
	const posts = 3
	res, err := run(ctx, options{posts: posts, timeout: 2 * time.Minute, process: testProcess,
		progress: &out, functionOutput: &fnOut}, &out)
	t.Logf("demo output:\n%s", out.String())
	if fnOut.Len() > 0 {
		t.Logf("functions' output:\n%s", fnOut.String())
	}
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(fnOut.String(), "WARN") {
		t.Error("the functions logged warnings (see their output)")
	}

	m := res.serviceMap
	wantNodes := []struct{ name, typ string }{
		{"Client", xraylocal.TypeClient},
		{fnPost, xraylocal.TypeLambdaFunction},
		{fnRead, xraylocal.TypeLambdaFunction},
		{fnChange, xraylocal.TypeLambdaFunction},
		{tableName, "AWS::DynamoDB::Table"},
		{queueName, "AWS::SQS::Queue"},
	}
	for _, n := range wantNodes {
		if m.NodeOfType(n.name, n.typ) == nil {
			t.Errorf("no node %s (%s)", n.name, n.typ)
		}
	}
	if len(m.Nodes) != len(wantNodes) {
		t.Errorf("%d nodes, want %d:\n%s", len(m.Nodes), len(wantNodes), m)
	}

	gets := posts + 1 // each order, and one that does not exist
	wantEdges := []struct {
		from, to string
		requests int
	}{
		{"Client", fnPost, posts},
		{"Client", fnRead, gets},
		{queueName, fnChange, -1}, // linked to the sends, one per batch: at most posts
		{fnPost, fnRead, posts},
		{fnPost, tableName, posts},
		{fnPost, queueName, posts},
		{fnRead, tableName, gets},
		{fnChange, tableName, posts},
	}
	for _, e := range wantEdges {
		got := m.Edge(e.from, e.to)
		switch {
		case got == nil:
			t.Errorf("no edge %s -> %s", e.from, e.to)
		case e.requests >= 0 && got.Stats.Requests != e.requests:
			t.Errorf("edge %s -> %s: %d requests, want %d", e.from, e.to, got.Stats.Requests, e.requests)
		case e.requests < 0 && (got.Stats.Requests < 1 || got.Stats.Requests > posts):
			t.Errorf("edge %s -> %s: %d requests, want 1 to %d", e.from, e.to, got.Stats.Requests, posts)
		}
	}
	if len(m.Edges) != len(wantEdges) {
		t.Errorf("%d edges, want %d:\n%s", len(m.Edges), len(wantEdges), m)
	}
	if n := len(res.findings.links); n != posts {
		t.Errorf("%d SendMessage calls linked from handle-change, want %d", n, posts)
	}
}

// testProcess starts the test binary as the function name (see TestMain).
func testProcess(name string) (lambdasim.Process, error) {
	p, err := selfProcess(name)
	p.Args = []string{"-test.run=^$"}
	return p, err
}

// TestOrdersDemoOTLP runs the demo with the functions sending OTLP (T1S):
// its checks pass as with segments, and xraylocal lists the traces as OTLP.
func TestOrdersDemoOTLP(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
	defer cancel()
	var out, fnOut bytes.Buffer
	res, err := run(ctx, options{posts: 2, timeout: 2 * time.Minute, process: testProcess, format: "otlp",
		progress: &out, functionOutput: &fnOut}, &out)
	t.Logf("demo output:\n%s", out.String())
	if err != nil {
		t.Fatalf("%v\nfunctions' output:\n%s", err, fnOut.String())
	}
	if res.formats["otlp"] == 0 || res.formats["segments"] != 0 {
		t.Errorf("traces by format: %v, want all otlp", res.formats)
	}
	if len(res.findings.Problems) > 0 {
		t.Errorf("problems: %v", res.findings.Problems)
	}
}
