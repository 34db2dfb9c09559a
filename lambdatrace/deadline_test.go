package lambdatrace_test

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
	"github.com/otelxray/otelxray/lambdatrace"
)

// deadlineTimeout is the functions' timeout in these tests, and
// testMargin their margin: wider than the default, which a machine loaded
// far beyond its cores can miss (timers seen 75 ms late at load 14 on 2
// cores), so that the tests do not depend on an idle machine.
const (
	deadlineTimeout = 2 * time.Second
	testMargin      = "600ms"
)

// waitSpans polls the daemon until trace root has want spans, or 20 s pass,
// and returns every span received.
func waitSpans(t *testing.T, f *function, root string, want int) map[string]span {
	t.Helper()
	for start := time.Now(); ; time.Sleep(20 * time.Millisecond) {
		gs := f.daemon.Datagrams()
		n := 0
		all := flatten(quiet{}, gs) // duplicates are reported once, below
		for _, s := range all {
			if s.trace == root {
				n++
			}
		}
		if n >= want || time.Since(start) > 20*time.Second {
			return flatten(t, gs)
		}
	}
}

// byName returns the spans of trace root by name.
func byName(all map[string]span, root string) map[string]span {
	out := map[string]span{}
	for _, s := range all {
		if s.trace == root {
			name, _ := s.doc["name"].(string)
			out[name] = s
		}
	}
	return out
}

func seconds(t *testing.T, s span, key string) float64 {
	t.Helper()
	n, ok := s.doc[key].(json.Number)
	if !ok {
		t.Fatalf("%s of %v: %v", key, s.doc["name"], s.doc[key])
	}
	f, _ := n.Float64()
	return f
}

// checkTimedOut asserts that inv is the invocation span ended as timed out.
func checkTimedOut(t *testing.T, inv span) {
	t.Helper()
	ex := exceptionOf(t, inv)
	if inv.doc["fault"] != true || ex["type"] != "Timeout" ||
		!strings.HasPrefix(ex["message"].(string), "the invocation ran past its deadline") {
		t.Errorf("invocation: fault %v, exception %v", inv.doc["fault"], ex)
	}
	if d := seconds(t, inv, "end_time") - seconds(t, inv, "start_time"); d <= 0 || d >= deadlineTimeout.Seconds() {
		t.Errorf("the invocation lasted %.3fs; it must end before its %v deadline: %v", d, deadlineTimeout, inv.doc)
	}
}

// cutMark reports whether s carries the cut_at_deadline attribute.
func cutMark(s span) any {
	m, _ := s.doc["metadata"].(map[string]any)
	d, _ := m["default"].(map[string]any)
	return d["lambdatrace.cut_at_deadline"]
}

// An invocation that runs past its deadline, in a process killed at the
// deadline as Lambda does: what had ended, and the invocation itself marked
// as timed out, reached the daemon before the kill.
func TestTimedOutInvocationIsWrittenBeforeTheKill(t *testing.T) {
	var f *function
	killed := make(chan string, 1)
	f = startFunctionWith(t, fakeruntime.Options{Timeout: deadlineTimeout, OnTimeout: func(id string) {
		_ = f.cmd.Process.Kill() // SIGKILL, at the deadline
		killed <- id
	}}, "work", marginEnv+"="+testMargin)
	res := f.invoke(t, workEvent{Children: 2, HangMs: 60_000}, header(rootID(1), parentID(1), 1))
	if !res.TimedOut {
		t.Fatalf("the invocation did not time out: %s", res.Body)
	}
	<-killed
	all := waitSpans(t, f, rootID(1), 4)
	inv, n := checkChains(t, all, rootID(1), parentID(1))
	t.Logf("%d spans of the timed-out invocation received: %v", n, inv.doc["cause"])
	named := byName(all, rootID(1))
	for _, name := range []string{"child-0", "child-1", "hang"} {
		if _, ok := named[name]; !ok {
			t.Errorf("span %s never arrived", name)
		}
	}
	if n != 4 {
		t.Errorf("%d spans, want the invocation, 2 children and the open span cut at the deadline", n)
	}
	if inv.doc == nil {
		return
	}
	checkTimedOut(t, inv)
	if hang, ok := named["hang"]; ok && (cutMark(hang) != true || hang.doc["end_time"] != inv.doc["end_time"]) {
		t.Errorf("the open span must end with the invocation, marked cut at the deadline: %v", hang.doc)
	}
	if cutMark(named["child-0"]) != nil {
		t.Errorf("a span that had ended is marked as cut: %v", named["child-0"].doc)
	}
}

// When the process survives its deadline, the handler's late return writes
// only what ended after the cut, and the next invocation is clean.
func TestLateReturnAfterTheCut(t *testing.T) {
	f := startFunctionWith(t, fakeruntime.Options{Timeout: deadlineTimeout}, "work", marginEnv+"="+testMargin)
	res := f.invoke(t, workEvent{Children: 1, HangMs: int(deadlineTimeout/time.Millisecond) + 300}, header(rootID(1), parentID(1), 1))
	if !res.TimedOut {
		t.Fatalf("the invocation did not time out: %s", res.Body)
	}
	// Taken once the handler has returned from the first invocation.
	if res := f.invoke(t, workEvent{Children: 1}, header(rootID(2), parentID(2), 1)); res.Failed {
		t.Fatalf("the next invocation failed: %s", res.Body)
	}
	all := spans(t, f) // fails on a span received twice
	inv1, n1 := checkChains(t, all, rootID(1), parentID(1))
	inv2, n2 := checkChains(t, all, rootID(2), parentID(2))
	if n1 != 4 || n2 != 2 {
		t.Errorf("%d spans in trace 1 (want invocation, child, hang, after-hang), %d in trace 2 (want 2)", n1, n2)
	}
	if inv1.doc != nil {
		checkTimedOut(t, inv1)
	}
	named := byName(all, rootID(1))
	if hang := named["hang"]; hang.doc == nil || cutMark(hang) != true || hang.doc["end_time"] != inv1.doc["end_time"] {
		t.Errorf("hang: %v", hang.doc)
	}
	if after := named["after-hang"]; after.doc == nil || cutMark(after) != nil || seconds(t, after, "start_time") < seconds(t, inv1, "end_time") {
		t.Errorf("after-hang: %v", after.doc)
	}
	if inv2.doc != nil && (inv2.doc["fault"] != nil || inv2.doc["cause"] != nil) {
		t.Errorf("the next invocation carries the timeout: %v", inv2.doc)
	}
}

func TestDeadlineMargin(t *testing.T) {
	for _, tc := range []struct{ budget, want time.Duration }{
		{15 * time.Minute, 50 * time.Millisecond}, // Lambda's longest timeout
		{time.Second, 50 * time.Millisecond},      // its shortest
		{300 * time.Millisecond, 30 * time.Millisecond},
		{100 * time.Millisecond, 10 * time.Millisecond}, // what is left of a second
		{time.Millisecond, 100 * time.Microsecond},
	} {
		if got := lambdatrace.DeadlineMargin(tc.budget); got != tc.want {
			t.Errorf("margin of %v = %v, want %v", tc.budget, got, tc.want)
		}
	}
}
