package ddtrace

import (
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

// XRayUnsampled reports whether sc is in a trace recorded for Datadog that
// X-Ray did not sample (its tracestate has StateKey=StateUnsampled).
func XRayUnsampled(sc trace.SpanContext) bool {
	return sc.TraceState().Get(StateKey) == StateUnsampled
}

// ddMember is the tracestate member Datadog's tracers keep their sampling
// decision in: s:<priority>;t.dm:<decision maker>;o:<origin>;...
const ddMember = "dd"

// Priority reads the Datadog sampling priority (-1 to 2) and decision maker
// (such as "-0" or "-3", "" if none) from a tracestate's dd member; ok is
// false when the member has no valid priority.
func Priority(ts trace.TraceState) (prio int, dm string, ok bool) {
	member := ts.Get(ddMember)
	for member != "" {
		var kv string
		kv, member, _ = strings.Cut(member, ";")
		k, v, _ := strings.Cut(kv, ":")
		switch k {
		case "s":
			if n, err := strconv.Atoi(v); err == nil && n >= -1 && n <= 2 {
				prio, ok = n, true
			}
		case "t.dm":
			if len(v) <= 4 && strings.HasPrefix(v, "-") {
				dm = v
			}
		}
	}
	return prio, dm, ok
}

// WithPriority returns ts with the dd member's priority and decision maker
// set (dm "" removes it), its other fields (origin, parent) kept. A
// tracestate that cannot take the member is returned unchanged.
func WithPriority(ts trace.TraceState, prio int, dm string) trace.TraceState {
	var b strings.Builder
	b.WriteString("s:")
	b.WriteString(strconv.Itoa(prio))
	if dm != "" {
		b.WriteString(";t.dm:")
		b.WriteString(dm)
	}
	for rest := ts.Get(ddMember); rest != ""; {
		var kv string
		kv, rest, _ = strings.Cut(rest, ";")
		if k, _, _ := strings.Cut(kv, ":"); k == "s" || k == "t.dm" || kv == "" {
			continue
		}
		b.WriteByte(';')
		b.WriteString(kv)
	}
	out, err := ts.Insert(ddMember, b.String())
	if err != nil {
		return ts
	}
	return out
}
