package ddlambda

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeagent"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// lambdaFunction is a real aws-lambda-go loop in a subprocess, under a fake
// Runtime API, sending to a fake X-Ray daemon and a fake Datadog agent.
type lambdaFunction struct {
	rt     *fakeruntime.Runtime
	daemon *fakedaemon.Daemon
	agent  *fakeagent.Agent
}

func startLambda(t *testing.T, kind string, env ...string) *lambdaFunction {
	t.Helper()
	rt := fakeruntime.Start(t)
	f := &lambdaFunction{rt: rt, daemon: fakedaemon.Start(t), agent: fakeagent.Start(t)}
	startProcess(t, "^TestInferredFunctionProcess$", append([]string{functionEnv + "=" + kind, agentEnv + "=" + f.agent.URL(),
		extPathEnv + "=" + filepath.Join(t.TempDir(), "datadog-agent"),
		"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(), "AWS_XRAY_DAEMON_ADDRESS=" + f.daemon.Addr(),
		"AWS_LAMBDA_FUNCTION_NAME=Orders", "AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128", "AWS_REGION=eu-west-1"}, env...)...)
	return f
}

func (f *lambdaFunction) invoke(t *testing.T, event []byte, header string) fakeruntime.Result {
	t.Helper()
	return invokeProcess(t, f.rt, event, header)
}

// eventAt is a testdata event with its timestamps set to at.
func eventAt(t *testing.T, name string, at time.Time) []byte {
	t.Helper()
	b, err := readEvent(name)
	if err != nil {
		t.Fatal(err)
	}
	s := string(b)
	ms := at.UnixMilli()
	for _, old := range []string{"1764700000123", "1764700012000"} {
		s = strings.ReplaceAll(s, old, itoa(ms))
	}
	return []byte(strings.ReplaceAll(s, "2025-12-02T18:26:51.500Z", at.Add(-time.Second).UTC().Format(time.RFC3339Nano)))
}

func itoa(n int64) string { b, _ := json.Marshal(n); return string(b) }

const lambdaHeader = "Root=1-5759e988-bd862e3fe1be46a994272701;Parent=53995c3f42cd8a01;Sampled=1"

type ddSpan = map[string]any

func u64(s ddSpan, k string) uint64 {
	v, _ := fakeagent.Norm(s[k]).(uint64)
	return v
}

func byName(spans []ddSpan, name string) ddSpan {
	for _, s := range spans {
		if s["name"] == name {
			return s
		}
	}
	return nil
}

// invocation is lambdatrace's invocation span.
func invocation(spans []ddSpan) ddSpan {
	for _, s := range spans {
		if _, ok := meta(s)["faas.invocation_id"]; ok {
			return s
		}
	}
	return nil
}

func meta(s ddSpan) map[string]any { m, _ := s["meta"].(map[string]any); return m }

// checkXRay fails if an inferred span reached the X-Ray daemon.
func checkXRay(t *testing.T, d *fakedaemon.Daemon) {
	t.Helper()
	gs := d.Wait(t, 1, 10*time.Second)
	gs = append(gs[:0:0], d.Quiet(50*time.Millisecond)...)
	docs, err := fakedaemon.Documents(gs)
	if err != nil {
		t.Fatal(err)
	}
	for _, doc := range docs {
		if name, _ := doc["name"].(string); strings.HasPrefix(name, "aws.") {
			t.Errorf("an inferred span reached X-Ray: %v", doc)
		}
	}
	if len(docs) == 0 {
		t.Error("the invocation did not reach X-Ray")
	}
}

func TestInferredSpansInALambdaLoop(t *testing.T) {
	t.Run("REST API, sync", func(t *testing.T) {
		f := startLambda(t, "rest", "DD_SERVICE_MAPPING=abc123:orders-api,bad-entry")
		at := time.Now().Add(-time.Second)
		f.invoke(t, eventAt(t, "rest", at), lambdaHeader)
		spans, _ := f.agent.Received()
		inv, api := invocation(spans), byName(spans, "aws.apigateway")
		if inv == nil || api == nil || len(spans) != 2 {
			t.Fatalf("spans = %v", spans)
		}
		if u64(inv, "parent_id") != u64(api, "span_id") || u64(api, "parent_id") != 0x53995c3f42cd8a01 || u64(inv, "trace_id") != u64(api, "trace_id") {
			t.Errorf("parents: invocation %x under %x; inferred %x (span %x) under %x, want the header's parent",
				u64(inv, "span_id"), u64(inv, "parent_id"), u64(api, "span_id"), u64(api, "span_id"), u64(api, "parent_id"))
		}
		m := meta(api)
		if api["service"] != "orders-api" || api["resource"] != "GET /prod/orders/{order_id}" || api["type"] != "web" ||
			m["http.method"] != "GET" || m["http.url"] != "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders/42" ||
			m["_inferred_span.synchronicity"] != "sync" || m["http.status_code"] != "502" || m["peer.service"] != "orders" {
			t.Errorf("inferred span = %v", api)
		}
		if _, ok := m["otelxray.datadog.child"]; ok {
			t.Error("the child mark was sent")
		}
		if fakeagent.Norm(api["error"]) != uint64(1) {
			t.Errorf("a 502 is not an error on the inferred span: %v", api["error"])
		}
		if start := fakeagent.Norm(api["start"]); start != uint64(at.UnixMilli()*1e6) {
			t.Errorf("start = %v, want the request time %d", start, at.UnixMilli()*1e6)
		}
		// Sync: the span ends with the function.
		if end, invEnd := u64(api, "start")+u64(api, "duration"), u64(inv, "start")+u64(inv, "duration"); end != invEnd {
			t.Errorf("the API span ends at %d, not with the function (%d)", end, invEnd)
		}
		checkXRay(t, f.daemon)
	})
	t.Run("SNS to SQS, async, no trace header", func(t *testing.T) {
		f := startLambda(t, "sqs")
		at := time.Now().Add(-time.Second)
		f.invoke(t, eventAt(t, "sns_sqs", at), "")
		spans, _ := f.agent.Received()
		inv, q, topic := invocation(spans), byName(spans, "aws.sqs"), byName(spans, "aws.sns")
		if inv == nil || q == nil || topic == nil || len(spans) != 3 {
			t.Fatalf("spans = %v", spans)
		}
		if u64(inv, "parent_id") != u64(q, "span_id") || u64(q, "parent_id") != u64(topic, "span_id") || u64(topic, "parent_id") != 0 {
			t.Errorf("want invocation under the queue under the topic, the topic a root: %v", spans)
		}
		if u64(topic, "trace_id") != u64(inv, "trace_id") || u64(q, "trace_id") != u64(inv, "trace_id") {
			t.Error("the inferred spans are in another trace")
		}
		if u64(q, "start") != uint64(at.UnixMilli()*1e6) || u64(q, "start")+u64(q, "duration") != u64(inv, "start") {
			t.Errorf("the queue span is %d+%d, want from the send time to the function's start %d", u64(q, "start"), u64(q, "duration"), u64(inv, "start"))
		}
		if u64(topic, "start")+u64(topic, "duration") != u64(q, "start") {
			t.Error("the topic span does not end where the queue's starts")
		}
		if q["service"] != "orders-queue" || topic["service"] != "orders-topic" || meta(topic)["peer.service"] != "orders-queue" ||
			meta(q)["function_trigger.event_source"] != "sns" {
			t.Errorf("services: %v / %v", q, topic)
		}
	})
	t.Run("raw EventBridge event", func(t *testing.T) {
		f := startLambda(t, "raw")
		b, err := readEvent("eventbridge")
		if err != nil {
			t.Fatal(err)
		}
		f.invoke(t, b, lambdaHeader)
		spans, _ := f.agent.Received()
		inv, eb := invocation(spans), byName(spans, "aws.eventbridge")
		if inv == nil || eb == nil || u64(inv, "parent_id") != u64(eb, "span_id") || eb["resource"] != "orders-bus" {
			t.Fatalf("spans = %v", spans)
		}
	})
	t.Run("extension present", func(t *testing.T) {
		present := filepath.Join(t.TempDir(), "datadog-agent")
		if err := os.WriteFile(present, nil, 0o644); err != nil {
			t.Fatal(err)
		}
		for force, want := range map[string]int{"false": 1, "true": 2} {
			f := startLambda(t, "sqs", extPathEnv+"="+present, forceEnv+"="+force)
			b, err := readEvent("sqs")
			if err != nil {
				t.Fatal(err)
			}
			f.invoke(t, b, lambdaHeader)
			if spans, _ := f.agent.Received(); len(spans) != want {
				t.Errorf("force=%s: %d spans, want %d: %v", force, len(spans), want, spans)
			}
		}
	})
}
