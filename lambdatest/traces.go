package lambdatest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/xraylocal"
)

// XRayTraces returns the X-Ray traces that received documents while the
// invocation ran, the header's trace first.
func (inv *Invocation) XRayTraces() []*xraylocal.Trace {
	ids := append([]string(nil), inv.xrayTraces...)
	sort.Slice(ids, func(i, j int) bool {
		if (ids[i] == inv.TraceID) != (ids[j] == inv.TraceID) {
			return ids[i] == inv.TraceID
		}
		return ids[i] < ids[j]
	})
	var out []*xraylocal.Trace
	for _, id := range ids {
		if tr, ok := inv.h.xray.Trace(id); ok {
			out = append(out, tr)
		}
	}
	return out
}

// DatadogTraces returns the Datadog traces that received spans while the
// invocation ran.
func (inv *Invocation) DatadogTraces() []ddlocal.Trace {
	if inv.h.dd == nil || len(inv.ddTraces) == 0 {
		return nil
	}
	want := map[uint64]bool{}
	for _, id := range inv.ddTraces {
		want[id] = true
	}
	var out []ddlocal.Trace
	for _, t := range inv.h.dd.Traces() {
		if want[t.TraceID] {
			out = append(out, t)
		}
	}
	return out
}

// Trace returns the X-Ray trace of the invocation's header, and fails the
// test if xraylocal has none.
func (inv *Invocation) Trace(t TB) *xraylocal.Trace {
	t.Helper()
	tr, ok := inv.h.xray.Trace(inv.TraceID)
	if !ok || inv.TraceID == "" {
		t.Fatalf("lambdatest: xraylocal has no trace %s (header %q)\n%s", inv.TraceID, inv.Header, inv.Tree())
	}
	return tr
}

// Datadog returns the one Datadog trace the invocation sent spans to, and
// fails the test unless there is exactly one.
func (inv *Invocation) Datadog(t TB) ddlocal.Trace {
	t.Helper()
	trs := inv.DatadogTraces()
	if len(trs) != 1 {
		t.Fatalf("lambdatest: the invocation sent spans to %d Datadog traces, want 1\n%s", len(trs), inv.Tree())
	}
	return trs[0]
}

// Tree returns what reached xraylocal and the Datadog stand-in during the
// invocation, as trees: what the failure messages print.
func (inv *Invocation) Tree() string {
	var b strings.Builder
	fmt.Fprintf(&b, "invocation %s, trace header %q", inv.RequestID, inv.Header)
	if inv.Err != nil {
		fmt.Fprintf(&b, ", failed: %v", inv.Err)
	}
	b.WriteString("\n")
	xs, ds := inv.XRayTraces(), inv.DatadogTraces()
	if len(xs) == 0 && len(ds) == 0 {
		b.WriteString("(nothing reached xraylocal or the Datadog stand-in during the invocation)\n")
	}
	for _, tr := range xs {
		b.WriteString("X-Ray ")
		_ = tr.WriteTree(&b)
	}
	for _, tr := range ds {
		_ = tr.WriteTree(&b)
	}
	if len(inv.metrics) > 0 {
		fmt.Fprintf(&b, "DogStatsD: %d metric values\n", len(inv.metrics))
		for _, m := range inv.metrics {
			b.WriteString("  " + m.String() + "\n")
		}
	}
	return b.String()
}

// spans returns every span of the invocation's X-Ray traces.
func (inv *Invocation) spans() []*xraylocal.Span {
	var out []*xraylocal.Span
	for _, tr := range inv.XRayTraces() {
		tr.Walk(func(s *xraylocal.Span, _ int) bool { out = append(out, s); return true })
	}
	return out
}
