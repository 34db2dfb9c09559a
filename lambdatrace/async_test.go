package lambdatrace_test

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

const asyncEnv = "LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE=async"

// seqRoot and seqParent are the trace header's IDs of invocation i, for
// any number of invocations.
func seqRoot(i int) string   { return fmt.Sprintf("1-5759e988-%024x", i+1) }
func seqParent(i int) string { return fmt.Sprintf("%016x", i+1) }

// seqIDs numbers request IDs req-1, req-2, ... in invocation order.
func seqIDs() func() string {
	var n atomic.Int64
	return func() string { return fmt.Sprintf("req-%d", n.Add(1)) }
}

// traces counts the spans received per X-Ray trace ID.
func traces(f *function) map[string]int {
	out := map[string]int{}
	for _, s := range flatten(quiet{}, f.daemon.Datagrams()) {
		out[s.trace]++
	}
	return out
}

// waitTraces waits until n traces have arrived with per spans each, or a
// minute passes, and returns what arrived.
func waitTraces(f *function, n, per int) map[string]int {
	var got map[string]int
	for stop := time.Now().Add(time.Minute); time.Now().Before(stop); time.Sleep(20 * time.Millisecond) {
		got = traces(f)
		full := 0
		for _, c := range got {
			if c >= per {
				full++
			}
		}
		if full >= n {
			break
		}
	}
	return got
}

// In async mode the response reaches the runtime before any span of its
// invocation reaches the daemon, and the extension asks for its next event
// only after the response: checked by order, at the moment the fake
// runtime takes each response, never by timing.
func TestAsyncExportsAfterTheResponse(t *testing.T) {
	var f *function
	var mu sync.Mutex
	early := map[string]int{} // request ID -> spans of its trace already at the daemon
	o := fakeruntime.Options{RequestID: seqIDs(), OnResponse: func(id string) {
		var i int
		fmt.Sscanf(id, "req-%d", &i)
		n := traces(f)[seqRoot(i-1)]
		mu.Lock()
		early[id] = n
		mu.Unlock()
	}}
	f = startFunctionWith(t, o, "work", asyncEnv)
	const n = 20
	for i := range n {
		if res := f.invoke(t, workEvent{Children: 3}, header(seqRoot(i), seqParent(i), 1)); res.Failed {
			t.Fatalf("invocation %d failed: %s", i, res.Body)
		}
	}
	got := waitTraces(f, n, 4)
	mu.Lock()
	defer mu.Unlock()
	for i := range n {
		if c := early[fmt.Sprintf("req-%d", i+1)]; c != 0 {
			t.Errorf("invocation %d: %d spans reached the daemon before the response reached the runtime", i, c)
		}
		if c := got[seqRoot(i)]; c != 4 {
			t.Errorf("invocation %d: %d spans arrived, want 4", i, c)
		}
	}
	checkNextAfterResponse(t, f.rt.Events(), n)
}

// checkNextAfterResponse checks the runtime's log: every invocation is
// handed to the extension, and the extension asks for its next event only
// after the invocation's response.
func checkNextAfterResponse(t *testing.T, evs []fakeruntime.Event, n int) {
	t.Helper()
	responded, handed := map[string]bool{}, 0
	var current string
	for _, e := range evs {
		switch e.Kind {
		case fakeruntime.EventExtensionInvoke:
			current, handed = e.RequestID, handed+1
		case fakeruntime.EventResponse:
			responded[e.RequestID] = true
		case fakeruntime.EventExtensionNext:
			if current != "" && !responded[current] {
				t.Errorf("event %d: the extension asked for its next event before %s's response", e.Seq, current)
			}
		}
	}
	if handed != n {
		t.Errorf("the extension received %d INVOKE events, want %d", handed, n)
	}
}

// Nothing is lost over 1,000 async invocations.
func TestAsyncLosesNothingOver1000Invocations(t *testing.T) {
	f := startFunction(t, "work", asyncEnv)
	const n = 1000
	for i := range n {
		if res := f.invoke(t, workEvent{Children: 2}, header(seqRoot(i), seqParent(i), 1)); res.Failed {
			t.Fatalf("invocation %d failed: %s", i, res.Body)
		}
	}
	got := waitTraces(f, n, 3)
	missing := 0
	for i := range n {
		if got[seqRoot(i)] != 3 {
			missing++
		}
	}
	if missing > 0 {
		t.Errorf("%d of %d invocations did not arrive whole", missing, n)
	}
	checkNextAfterResponse(t, f.rt.Events(), n)
}

// A span that ends after its invocation's export is written on SIGTERM.
func TestAsyncSIGTERMFlushesWhatIsPending(t *testing.T) {
	f := startFunctionWith(t, fakeruntime.Options{RequestID: seqIDs()}, "work", asyncEnv)
	file := filepath.Join(t.TempDir(), "end-late-span")
	if res := f.invoke(t, workEvent{Children: 1, LateFile: file}, header(seqRoot(0), seqParent(0), 1)); res.Failed {
		t.Fatalf("the invocation failed: %s", res.Body)
	}
	// The extension has exported when it asks for its next event.
	waitFor(t, "the extension's next request", func() bool {
		evs := f.rt.Events()
		return evs[len(evs)-1].Kind == fakeruntime.EventExtensionNext && len(evs) > 3
	})
	if names := spanNames(f); names["late"] || !names["child-0"] {
		t.Fatalf("before the late span ended, the daemon has %v; want child-0 and not late", names)
	}
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the late span to end", func() bool { return f.said(lateEnded) })
	if err := f.cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the late span at the daemon", func() bool { return spanNames(f)["late"] })
}

// spanNames is the set of span names at the daemon.
func spanNames(f *function) map[string]bool {
	out := map[string]bool{}
	for _, s := range flatten(quiet{}, f.daemon.Datagrams()) {
		name, _ := s.doc["name"].(string)
		out[name] = true
	}
	return out
}

// said reports whether the function wrote a line containing s to stderr.
func (f *function) said(s string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	for _, l := range f.stderr {
		if strings.Contains(l, s) {
			return true
		}
	}
	return false
}

// waitFor polls cond for up to a minute.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	for stop := time.Now().Add(time.Minute); time.Now().Before(stop); time.Sleep(10 * time.Millisecond) {
		if cond() {
			return
		}
	}
	t.Fatalf("timed out waiting for %s", what)
}

// Where the Extensions API is unavailable, async falls back to sync, says
// so once, and the spans still arrive; a bad mode is reported once too.
func TestAsyncFallsBackToSync(t *testing.T) {
	tests := []struct {
		name string
		opts fakeruntime.Options
		env  []string
		says string
	}{
		{"no Extensions API", fakeruntime.Options{NoExtensions: true}, []string{asyncEnv}, "async processing is unavailable"},
		{"Managed Instances", fakeruntime.Options{}, []string{asyncEnv, "AWS_LAMBDA_MAX_CONCURRENCY=4"}, "AWS_LAMBDA_MAX_CONCURRENCY=4"},
		{"bad mode", fakeruntime.Options{}, []string{"LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE=fast"}, `processing mode "fast" is not sync, async or finalize`},
		{"bad queue size", fakeruntime.Options{}, []string{"LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE=lots"}, `LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE="lots" is not a positive whole number`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := startFunctionWith(t, tc.opts, "work", tc.env...)
			for i := range 2 {
				if res := f.invoke(t, workEvent{Children: 1}, header(seqRoot(i), seqParent(i), 1)); res.Failed {
					t.Fatalf("invocation %d failed: %s", i, res.Body)
				}
			}
			if got := waitTraces(f, 2, 2); len(got) != 2 {
				t.Errorf("traces %v, want 2 of 2 spans", got)
			}
			for _, e := range f.rt.Events() {
				if e.Kind == fakeruntime.EventRegister {
					t.Errorf("an extension registered: %+v", e)
				}
			}
			said := 0
			for _, line := range f.output() {
				said += strings.Count(line, tc.says)
			}
			if said != 1 {
				t.Errorf("said %q %d times, want once", tc.says, said)
			}
		})
	}
}

// A panic in async mode is written before the process exits: aws-lambda-go
// posts the error and exits, before the extension could export.
func TestAsyncPanicIsWrittenBeforeExit(t *testing.T) {
	f := startFunction(t, "work", asyncEnv)
	res := f.invoke(t, workEvent{Children: 1, Panic: "nil map write"}, header(seqRoot(0), seqParent(0), 1))
	if !res.Failed {
		t.Fatalf("the runtime got %q; want the panic", res.Body)
	}
	if got := waitTraces(f, 1, 2); got[seqRoot(0)] != 2 {
		t.Errorf("traces %v, want the invocation and its child", got)
	}
}
