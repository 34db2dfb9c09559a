package lambdatrace_test

import (
	"strings"
	"testing"
	"time"
)

// said counts the stderr lines of f that contain s (f is stopped first).
func said(f *function, s string) int {
	n := 0
	for _, line := range f.output() {
		n += strings.Count(line, s)
	}
	return n
}

// OTEL_SDK_DISABLED and AWS_XRAY_SDK_DISABLED run the function untraced.
func TestDisabledFromEnvironmentSendsNothing(t *testing.T) {
	for _, v := range []string{"OTEL_SDK_DISABLED=true", "AWS_XRAY_SDK_DISABLED=TRUE"} {
		t.Run(v, func(t *testing.T) {
			f := startFunction(t, "work", v)
			if res := f.invoke(t, workEvent{Children: 2}, header(rootID(1), parentID(1), 1)); res.Failed {
				t.Fatalf("the function failed: %s", res.Body)
			}
			if got := f.daemon.Quiet(150 * time.Millisecond); len(got) != 0 {
				t.Errorf("%d datagrams sent with %s", len(got), v)
			}
		})
	}
}

// A malformed value is said once and its default used: tracing stays on.
func TestMalformedDisabledSaidOnceTracingStaysOn(t *testing.T) {
	f := startFunction(t, "work", "OTEL_SDK_DISABLED=yes")
	for i := range 3 {
		f.invoke(t, workEvent{Children: 1}, header(rootID(i+1), parentID(1), 1))
	}
	if got := len(spans(t, f)); got == 0 {
		t.Error("nothing traced")
	}
	if n := said(f, `OTEL_SDK_DISABLED="yes" is not true or false`); n != 1 {
		t.Errorf("said %d times, want once", n)
	}
}

// In Lambda the trace header samples; OTEL_TRACES_SAMPLER is said to be
// ignored, once.
func TestSamplerVariableIgnoredInLambda(t *testing.T) {
	f := startFunction(t, "work", "OTEL_TRACES_SAMPLER=always_off")
	for i := range 2 {
		f.invoke(t, workEvent{Children: 1}, header(rootID(i+1), parentID(1), 1))
	}
	if got := len(spans(t, f)); got == 0 {
		t.Error("always_off applied in Lambda: nothing traced")
	}
	if n := said(f, `OTEL_TRACES_SAMPLER="always_off" is ignored in Lambda`); n != 1 {
		t.Errorf("said %d times, want once", n)
	}
}

// "datadog" propagation is used with the others, and nothing is said of
// it; the function is traced.
func TestDatadogPropagatorFromEnvironment(t *testing.T) {
	f := startFunction(t, "work", "OTEL_PROPAGATORS=xray,datadog")
	f.invoke(t, workEvent{Children: 1}, header(rootID(1), parentID(1), 1))
	if got := len(spans(t, f)); got == 0 {
		t.Error("nothing traced")
	}
	if n := said(f, `datadog`); n != 0 {
		t.Errorf("said something of datadog %d times, want never", n)
	}
}

// AWS_XRAY_TRACING_NAME names the service (the invocation subsegment)
// unless OTEL_SERVICE_NAME does.
func TestTracingNameFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		env  []string
		want string
	}{
		{nil, "orders"},
		{[]string{"AWS_XRAY_TRACING_NAME=shop"}, "shop"},
		{[]string{"AWS_XRAY_TRACING_NAME=shop", "OTEL_SERVICE_NAME=checkout"}, "checkout"},
	} {
		t.Run(tc.want, func(t *testing.T) {
			f := startFunction(t, "work", tc.env...)
			f.invoke(t, workEvent{}, header(rootID(1), parentID(1), 1))
			names := map[string]bool{}
			for _, s := range spans(t, f) {
				name, _ := s.doc["name"].(string)
				names[name] = true
			}
			if !names[tc.want] {
				t.Errorf("no subsegment named %q; names %v", tc.want, names)
			}
		})
	}
}
