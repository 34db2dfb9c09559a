package main

import (
	"bytes"
	"context"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
)

func TestMain(m *testing.M) {
	// The demo starts the test binary again for each function.
	if name := os.Getenv(functionEnv); name != "" {
		runFunction(name) // never returns
	}
	os.Exit(m.Run())
}

// testProcess starts the test binary as the function name.
func testProcess(name string) (lambdasim.Process, error) {
	exe, err := os.Executable()
	if err != nil {
		return lambdasim.Process{}, err
	}
	return lambdasim.Process{Path: exe, Args: []string{"-test.run=^$"}, Env: []string{functionEnv + "=" + name}}, nil
}

// TestCatalogDemo runs the whole demo and checks the service map's edges:
// the parents (product -> pricing through SNS, inventory -> stock through
// Step Functions) and the consumers drawn under EventBridge.
func TestCatalogDemo(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out, fnOut bytes.Buffer
	res, err := run(ctx, options{posts: 2, timeout: 3 * time.Minute, process: testProcess, progress: &out, functionOutput: &fnOut}, &out)
	t.Logf("demo output:\n%s", out.String())
	if err != nil {
		t.Logf("functions' output:\n%s", fnOut.String())
		t.Fatal(err)
	}
	if strings.Contains(fnOut.String(), "WARN") {
		t.Errorf("the functions logged warnings:\n%s", fnOut.String())
	}
	if len(res.findings.linkedFrom) == 0 {
		t.Error("no links found")
	}
	for _, want := range []string{"Datadog traces", "catalog.events (c) sum", "the same in Datadog"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("the output lacks %q (the Datadog view)", want)
		}
	}
	for _, want := range []string{
		"product -> pricing (Lambda function)", "inventory -> stock (Lambda function)",
		"EventBridge -> analytics (Lambda function)", "EventBridge -> inventory (Lambda function)",
		"stock -> stock (DynamoDB table)",
	} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("service map lacks %q", want)
		}
	}
}

// TestCatalogDemoTracingOff runs the demo with Lambda's active tracing off:
// X-Ray gets nothing, Datadog the same connected traces (runOff checks it).
func TestCatalogDemoTracingOff(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out, fnOut bytes.Buffer
	_, err := run(ctx, options{posts: 1, tracingOff: true, timeout: 3 * time.Minute, process: testProcess, progress: &out, functionOutput: &fnOut}, &out)
	t.Logf("demo output:\n%s", out.String())
	if err != nil {
		t.Logf("functions' output:\n%s", fnOut.String())
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "OK with active tracing off: nothing reached X-Ray") {
		t.Error("no OK line for the run with tracing off")
	}
}

// TestShortLoad runs the load test briefly: it must pass with no invalid
// document and no unexplained loss (no timing is checked).
func TestShortLoad(t *testing.T) {
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	var out, fnOut bytes.Buffer
	err := loadTest(ctx, options{load: loadgen.Flags{Duration: time.Second, Rate: 10}, timeout: 3 * time.Minute, process: testProcess, functionOutput: &fnOut}, &out)
	t.Logf("load output:\n%s", out.String())
	if err != nil {
		t.Logf("functions' output:\n%s", fnOut.String())
		t.Fatal(err)
	}
	if !strings.Contains(out.String(), "| invalid datagrams | 0 | 0 |") {
		t.Error("no table with 0 invalid datagrams")
	}
}

func TestCommandLine(t *testing.T) {
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"-h"}, 0, "Usage: go -C examples run ./catalog/local"},
		{[]string{"-nope"}, 2, "flag provided but not defined: -nope"},
		{[]string{"extra"}, 2, `catalog/local: unexpected argument "extra"`},
		{[]string{"-posts", "0"}, 2, "-posts 0: the demo needs at least 1"},
		{[]string{"-timeout", "0s"}, 2, "-timeout 0s: want a positive duration"},
		{[]string{"-load", "1h"}, 2, "-load 1h0m0s: want a duration up to 10m0s"},
		{[]string{"-load", "1s", "-rate", "0"}, 2, "-rate 0: want 1 to 2000"},
		{[]string{"-load", "1s", "-serve"}, 2, "-load and -serve: pick one"},
		{[]string{"-active-tracing", "sometimes"}, 2, `-active-tracing "sometimes": want on, off or both`},
	} {
		var stdout, stderr bytes.Buffer
		code := command(context.Background(), c.args, &stdout, &stderr)
		if code != c.code || !strings.Contains(stderr.String(), c.want) {
			t.Errorf("%q: exit %d, want %d and %q in:\n%s", c.args, code, c.code, c.want, stderr.String())
		}
		if stdout.Len() > 0 {
			t.Errorf("%q: the demo ran:\n%s", c.args, stdout.String())
		}
	}
}
