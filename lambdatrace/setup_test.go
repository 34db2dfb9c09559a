package lambdatrace_test

import (
	"strings"
	"testing"
)

// A bad daemon address leaves the function running untraced, and says so
// once (through otel.Handle, which logs to stderr unless the program set a
// handler of its own).
func TestBadDaemonAddressSaysTracingIsOffOnce(t *testing.T) {
	f := startFunction(t, "work", "AWS_XRAY_DAEMON_ADDRESS=not-an-address")
	if res := f.invoke(t, workEvent{Children: 1}, header(rootID(1), parentID(1), 1)); res.Failed {
		t.Fatalf("the function failed: %s", res.Body)
	}
	said := 0
	for _, line := range f.output() {
		said += strings.Count(line, "tracing is off")
	}
	if said != 1 {
		t.Errorf(`"tracing is off" said %d times, want once`, said)
	}
}
