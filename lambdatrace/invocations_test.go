package lambdatrace_test

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"

	"github.com/otelxray/otelxray/internal/fakedaemon"
)

// span is one received (sub)segment with its resolved parent and trace.
type span struct {
	doc           map[string]any
	parent, trace string
}

// spans flattens datagrams: nested subsegments inherit the trace and take
// the enclosing document as parent.
func spans(t *testing.T, f *function) map[string]span {
	t.Helper()
	return flatten(t, f.daemon.Quiet(150*time.Millisecond))
}

// reporter is the part of testing.TB that flatten uses.
type reporter interface {
	Helper()
	Errorf(format string, args ...any)
}

// quiet is a reporter that reports nothing.
type quiet struct{}

func (quiet) Helper()               {}
func (quiet) Errorf(string, ...any) {}

// flatten is spans of the given datagrams.
func flatten(t reporter, gs []fakedaemon.Datagram) map[string]span {
	t.Helper()
	out := map[string]span{}
	var walk func(doc map[string]any, parent, traceID string)
	walk = func(doc map[string]any, parent, traceID string) {
		if p, ok := doc["parent_id"].(string); ok {
			parent = p
		}
		if tr, ok := doc["trace_id"].(string); ok {
			traceID = tr
		}
		id, _ := doc["id"].(string)
		if _, dup := out[id]; dup {
			t.Errorf("span %s received twice", id)
		}
		out[id] = span{doc: doc, parent: parent, trace: traceID}
		subs, _ := doc["subsegments"].([]any)
		for _, s := range subs {
			walk(s.(map[string]any), id, traceID)
		}
	}
	for _, g := range gs {
		if g.Invalid != nil {
			t.Errorf("invalid datagram: %v\n%s", g.Invalid, g.Raw)
		}
		if g.Doc != nil {
			walk(g.Doc, "", "")
		}
	}
	return out
}

// checkChains asserts that every span of root's trace leads, through parents
// that were received, to the Lambda parent, and returns the invocation span.
func checkChains(t *testing.T, all map[string]span, root, lambdaParent string) (invocation span, count int) {
	t.Helper()
	for id, s := range all {
		if s.trace != root {
			continue
		}
		count++
		cur, hops := s, 0
		for cur.parent != lambdaParent {
			next, ok := all[cur.parent]
			if !ok {
				t.Errorf("span %s (%v) of %s: parent %s never arrived", id, s.doc["name"], root, cur.parent)
				break
			}
			if next.trace != root {
				t.Errorf("span %s of %s hangs under %s of trace %s", id, root, cur.parent, next.trace)
				break
			}
			if hops++; hops > 100 {
				t.Fatalf("parent cycle at %s", id)
			}
			cur = next
		}
		if s.parent == lambdaParent {
			invocation = s
		}
	}
	if invocation.doc == nil {
		t.Errorf("no invocation subsegment under Lambda's %s in %s", lambdaParent, root)
	}
	return invocation, count
}

func TestBackToBackInvocations(t *testing.T) {
	f := startFunction(t, "work")
	// The first invocation leaves a span that ends after its handler
	// returned; it must still carry the first trace, not the second.
	if res := f.invoke(t, workEvent{Children: 2, LateMs: 30}, header(rootID(1), parentID(1), 1)); res.Failed {
		t.Fatalf("invocation failed: %s", res.Body)
	}
	time.Sleep(100 * time.Millisecond) // the late span ends meanwhile
	f.invoke(t, workEvent{Children: 1}, header(rootID(2), parentID(2), 1))

	all := spans(t, f)
	inv1, n1 := checkChains(t, all, rootID(1), parentID(1))
	inv2, n2 := checkChains(t, all, rootID(2), parentID(2))
	if n1 != 4 || n2 != 2 {
		t.Errorf("%d spans in trace 1 (want invocation, 2 children, late), %d in trace 2 (want 2)", n1, n2)
	}
	if inv1.doc["type"] != "subsegment" || inv1.doc["namespace"] != nil {
		t.Errorf("invocation 1 = %v", inv1.doc)
	}
	meta := func(s span, k string) any {
		m, _ := s.doc["metadata"].(map[string]any)
		d, _ := m["default"].(map[string]any)
		return d[k]
	}
	if ann, _ := inv1.doc["annotations"].(map[string]any); ann["faas_coldstart"] != true {
		t.Errorf("first invocation is not marked as a cold start: %v", inv1.doc)
	}
	if ann, _ := inv2.doc["annotations"].(map[string]any); ann["faas_coldstart"] != nil {
		t.Errorf("second invocation marked as a cold start")
	}
	if meta(inv1, "cloud.resource_id") != "arn:aws:lambda:eu-west-1:123456789012:function:orders" ||
		!strings.HasPrefix(meta(inv1, "faas.invocation_id").(string), "c6af9ac6") || meta(inv1, "faas.trigger") != "other" {
		t.Errorf("invocation attributes: %v", inv1.doc["metadata"])
	}
	if aws, _ := inv1.doc["aws"].(map[string]any); aws != nil {
		t.Errorf("a subsegment got the segment-level aws block: %v", aws)
	}
}

func TestConcurrentInvocationsNeverMixParents(t *testing.T) {
	// Managed instances: several invocations at once, and no _X_AMZN_TRACE_ID.
	f := startFunction(t, "work", "AWS_LAMBDA_MAX_CONCURRENCY=4")
	var wg sync.WaitGroup
	for i := 1; i <= 12; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if res := f.invoke(t, workEvent{Children: 3, SleepMs: 2}, header(rootID(i), parentID(i), 1)); res.Failed {
				t.Errorf("invocation %d failed: %s", i, res.Body)
			}
		}()
	}
	wg.Wait()
	all := spans(t, f)
	for i := 1; i <= 12; i++ {
		if _, n := checkChains(t, all, rootID(i), parentID(i)); n != 4 {
			t.Errorf("trace %d: %d spans, want 4", i, n)
		}
	}
	if len(all) != 48 {
		t.Errorf("%d spans in all, want 48", len(all))
	}
}

func TestNothingSentWithoutSampledParent(t *testing.T) {
	f := startFunction(t, "work")
	for _, h := range []string{
		header(rootID(1), parentID(1), 0),  // Sampled=0
		"Root=" + rootID(2) + ";Sampled=1", // PassThrough: no Parent
		"",                                 // no header at all
	} {
		if res := f.invoke(t, workEvent{Children: 2}, h); res.Failed {
			t.Fatalf("invocation with header %q failed: %s", h, res.Body)
		}
	}
	if all := spans(t, f); len(all) != 0 {
		t.Errorf("%d spans sent without a sampled parent", len(all))
	}
	// The function still traces the next sampled invocation.
	f.invoke(t, workEvent{Children: 1}, header(rootID(3), parentID(3), 1))
	if _, n := checkChains(t, spans(t, f), rootID(3), parentID(3)); n != 2 {
		t.Errorf("%d spans after the unsampled ones, want 2", n)
	}
}

func exceptionOf(t *testing.T, s span) map[string]any {
	t.Helper()
	cause, _ := s.doc["cause"].(map[string]any)
	exs, _ := cause["exceptions"].([]any)
	if len(exs) != 1 {
		t.Fatalf("cause = %v", s.doc["cause"])
	}
	return exs[0].(map[string]any)
}

func TestHandlerError(t *testing.T) {
	f := startFunction(t, "work")
	res := f.invoke(t, workEvent{Fail: "order 42 not found"}, header(rootID(1), parentID(1), 1))
	if !res.Failed || !strings.Contains(string(res.Body), "order 42 not found") {
		t.Errorf("the runtime got %q (failed %v); the error must reach it unchanged", res.Body, res.Failed)
	}
	inv, _ := checkChains(t, spans(t, f), rootID(1), parentID(1))
	ex := exceptionOf(t, inv)
	if inv.doc["fault"] != true || ex["message"] != "order 42 not found" {
		t.Errorf("invocation = %v", inv.doc)
	}
	if stack, _ := ex["stack"].([]any); len(stack) == 0 {
		t.Errorf("no stack: %v", ex)
	}
}

func TestHandlerPanic(t *testing.T) {
	f := startFunction(t, "work")
	res := f.invoke(t, workEvent{Children: 1, Panic: "nil map write"}, header(rootID(1), parentID(1), 1))
	if !res.Failed || !strings.Contains(string(res.Body), "nil map write") {
		t.Errorf("the runtime got %q (failed %v); the panic must reach it unchanged", res.Body, res.Failed)
	}
	inv, n := checkChains(t, spans(t, f), rootID(1), parentID(1))
	if n != 2 {
		t.Errorf("%d spans, want the invocation and its child, written before the process exits", n)
	}
	ex := exceptionOf(t, inv)
	if ex["type"] != "panic(string)" || ex["message"] != "nil map write" {
		t.Errorf("exception = %v", ex)
	}
	found := false
	for _, fr := range ex["stack"].([]any) {
		if strings.Contains(fr.(map[string]any)["label"].(string), "lambdatrace_test.work") {
			found = true
		}
	}
	if !found {
		t.Errorf("the stack does not show the panicking handler: %v", ex["stack"])
	}
}

func TestAPIGatewayV2(t *testing.T) {
	f := startFunction(t, "api")
	var ev events.APIGatewayV2HTTPRequest
	if err := json.Unmarshal([]byte(`{"version":"2.0","routeKey":"GET /orders/{id}","rawPath":"/orders/42","rawQueryString":"verbose=1",
		"requestContext":{"domainName":"api.example.com","http":{"method":"GET","path":"/orders/42","sourceIp":"203.0.113.9","userAgent":"curl/8.5.0"}}}`), &ev); err != nil {
		t.Fatal(err)
	}
	f.invoke(t, ev, header(rootID(1), parentID(1), 1))
	inv, _ := checkChains(t, spans(t, f), rootID(1), parentID(1))
	h, _ := inv.doc["http"].(map[string]any)
	req, _ := h["request"].(map[string]any)
	resp, _ := h["response"].(map[string]any)
	if req["method"] != "GET" || req["url"] != "https://api.example.com/orders/42?verbose=1" || req["client_ip"] != "203.0.113.9" {
		t.Errorf("http.request = %v", req)
	}
	if resp["status"] != json.Number("502") || inv.doc["fault"] != true {
		t.Errorf("502 response: http %v, fault %v", h, inv.doc["fault"])
	}
}

func TestSQSBatchLinks(t *testing.T) {
	f := startFunction(t, "sqs")
	ev := events.SQSEvent{}
	for i := 1; i <= 3; i++ {
		ev.Records = append(ev.Records, events.SQSMessage{
			MessageId:      "msg-" + string(rune('0'+i)),
			EventSourceARN: "arn:aws:sqs:eu-west-1:123456789012:order-changes",
			Attributes:     map[string]string{"AWSTraceHeader": header(rootID(10+i), parentID(10+i), 1)},
		})
	}
	f.invoke(t, ev, header(rootID(1), parentID(1), 1))
	inv, _ := checkChains(t, spans(t, f), rootID(1), parentID(1))
	links, _ := inv.doc["links"].([]any)
	if len(links) != 3 {
		t.Fatalf("links = %v", inv.doc["links"])
	}
	for i, l := range links {
		m := l.(map[string]any)
		if m["trace_id"] != rootID(11+i) || m["id"] != parentID(11+i) {
			t.Errorf("link %d = %v", i, m)
		}
	}
	if md := inv.doc["metadata"].(map[string]any)["default"].(map[string]any); md["faas.trigger"] != "pubsub" ||
		md["messaging.destination.name"] != "order-changes" || md["messaging.batch.message_count"] != json.Number("3") {
		t.Errorf("metadata = %v", md)
	}
}
