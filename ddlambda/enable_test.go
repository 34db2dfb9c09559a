package ddlambda_test

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeagent"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// lowID is the Datadog trace_id of X-Ray root i.
func lowID(i int) uint64 { return 0xe1be46a994272700 + uint64(i) }

// With Enable every invocation reaches Datadog, whatever Lambda's header
// says; only what X-Ray sampled reaches the daemon; the cold-start span
// comes with the first invocation, only without the extension.
func TestEnableRecordsEveryInvocation(t *testing.T) {
	headers := map[int]string{1: "Sampled=1", 0: "Sampled=0", -1: "no header"}
	for _, ext := range []bool{false, true} {
		for _, sampled := range []int{1, 0, -1} {
			t.Run(fmt.Sprintf("extension=%t/%s", ext, headers[sampled]), func(t *testing.T) {
				agent := fakeagent.Start(t)
				srv, calls := startExtension(t)
				path := filepath.Join(t.TempDir(), "datadog-agent")
				if ext {
					if err := os.WriteFile(path, nil, 0o644); err != nil {
						t.Fatal(err)
					}
				}
				f := startFunction(t, "DD_TRACE_AGENT_URL="+agent.URL(), extPathEnv+"="+path, extURLEnv+"="+srv.URL)
				for i := 1; i <= 2; i++ {
					res := f.invoke(t, `{}`, xrayHeader(i, sampled))
					if res.Failed {
						t.Fatalf("invocation %d failed: %s", i, res.Body)
					}
					// Downstream, X-Ray's decision holds and Datadog's priority goes on.
					var out map[string]string
					if err := json.Unmarshal(res.Body, &out); err != nil {
						t.Fatal(err)
					}
					wantX := "Sampled=0"
					if sampled == 1 {
						wantX = "Sampled=1"
					}
					if !strings.Contains(out["X-Amzn-Trace-Id"], wantX) || out["x-datadog-sampling-priority"] != "1" || out["traceparent"] == "" {
						t.Errorf("invocation %d sends downstream %v, want %s and priority 1", i, out, wantX)
					}
				}
				spans, _ := agent.Received()
				count := map[string]int{}
				for _, s := range spans {
					name, _ := s["name"].(string)
					count[name]++
					tid := fakeagent.Norm(s["trace_id"]).(uint64)
					if sampled >= 0 && tid != lowID(1) && tid != lowID(2) {
						t.Errorf("%s: trace_id %x is not an X-Ray root's", name, tid)
					}
					if name == "aws.lambda.cold_start" && sampled >= 0 && tid != lowID(1) {
						t.Errorf("the cold start is in trace %x, want the first invocation's", tid)
					}
				}
				wantLambda, wantCold := 2, 1
				if ext {
					wantLambda, wantCold = 0, 0 // the extension sends both itself
				}
				if count["internal"] != 2 || count["aws.lambda"] != wantLambda || count["aws.lambda.cold_start"] != wantCold {
					t.Errorf("Datadog got %v, want 2 store spans, %d aws.lambda, %d cold start", count, wantLambda, wantCold)
				}
				if ext {
					cs := calls()
					if len(cs) != 4 || cs[1].header.Get("x-datadog-sampling-priority") != "1" {
						t.Errorf("extension calls = %v", cs)
					}
				}
				xray := 0
				for _, g := range f.daemon.Quiet(100 * time.Millisecond) {
					if g.Invalid != nil {
						t.Errorf("invalid datagram: %v", g.Invalid)
					}
					// The cold-start span is Datadog's only (xrayudp leaves
					// ddtrace.OnlyScope out).
					if g.Doc["name"] == "aws.lambda.cold_start" {
						t.Errorf("the cold-start span reached X-Ray")
					}
					xray++
				}
				if (sampled == 1) != (xray > 0) {
					t.Errorf("%d documents reached X-Ray with %s", xray, headers[sampled])
				}
			})
		}
	}
}

// The aws.lambda span carries the tags Datadog's extension gives it.
func TestEnableFunctionSpan(t *testing.T) {
	agent := fakeagent.Start(t)
	f := startFunction(t, "DD_TRACE_AGENT_URL="+agent.URL(), extPathEnv+"="+filepath.Join(t.TempDir(), "absent"),
		"DD_ENV=prod", "DD_TAGS=team:orders,tier:1")
	f.invoke(t, `{}`, xrayHeader(1, 1))
	if res := f.invoke(t, `{"fail":true}`, xrayHeader(2, 0)); !res.Failed {
		t.Fatal("the failure was lost")
	}
	spans, _ := agent.Received()
	var fn []map[string]any
	for _, s := range spans {
		if s["name"] == "aws.lambda" {
			fn = append(fn, s)
		}
	}
	if len(fn) != 2 {
		t.Fatalf("%d aws.lambda spans, want 2: %v", len(fn), spans)
	}
	for i, s := range fn {
		meta := s["meta"].(map[string]any)
		want := map[string]string{
			"cold_start": strconv.FormatBool(i == 0), "function_arn": "arn:aws:lambda:eu-west-1:123456789012:function:orders",
			"function_version": "live", "functionname": "orders", "resource_names": "orders", "region": "eu-west-1",
			"account_id": "123456789012", "memorysize": "128", "env": "prod", "team": "orders", "tier": "1", "_dd.origin": "lambda",
		}
		for k, v := range want {
			if meta[k] != v {
				t.Errorf("span %d: %s = %v, want %q", i, k, meta[k], v)
			}
		}
		if meta["request_id"] == "" || meta["architecture"] == "" || s["type"] != "serverless" || s["resource"] != "orders" {
			t.Errorf("span %d = %v", i, s)
		}
		if p := fakeagent.Norm(s["metrics"].(map[string]any)["_sampling_priority_v1"]); p != 1.0 || meta["_dd.p.dm"] != "-0" {
			t.Errorf("span %d: priority %v, decision maker %v", i, p, meta["_dd.p.dm"])
		}
	}
	if e := fakeagent.Norm(fn[1]["error"]); fmt.Sprint(e) != "1" || fn[1]["meta"].(map[string]any)["error.message"] != "invalid order" {
		t.Errorf("the failed invocation: error %v, meta %v", e, fn[1]["meta"])
	}
	_ = fakeruntime.FunctionARN
	_ = fakedaemon.Parse
}
