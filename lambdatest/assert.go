package lambdatest

import (
	"encoding/binary"
	"fmt"
	"strings"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/xraylocal"
)

// NoError fails the test if the handler returned an error, panicked or
// timed out.
func (inv *Invocation) NoError(t TB) {
	t.Helper()
	if inv.Err != nil {
		t.Errorf("lambdatest: the invocation failed: %v\n%s", inv.Err, inv.Tree())
	}
}

// OneTrace checks that the invocation's spans are one trace in each backend
// that received any: in X-Ray, the trace of its header, every document
// joined to its parent (the function segment at the root); in Datadog, one
// trace, with the same 128-bit ID when both have one. It fails when
// neither received anything.
func (inv *Invocation) OneTrace(t TB) {
	t.Helper()
	var problems []string
	xs, ds := inv.XRayTraces(), inv.DatadogTraces()
	if len(xs) == 0 && len(ds) == 0 {
		problems = append(problems, "nothing reached xraylocal or the Datadog stand-in")
	}
	if len(xs) > 1 {
		problems = append(problems, fmt.Sprintf("the X-Ray documents are in %d traces, want 1", len(xs)))
	}
	if len(xs) > 0 && xs[0].ID != inv.TraceID {
		problems = append(problems, fmt.Sprintf("the X-Ray documents are in trace %s, not the header's %s", xs[0].ID, inv.TraceID))
	}
	for _, tr := range xs {
		if tr.Orphans > 0 {
			problems = append(problems, fmt.Sprintf("X-Ray trace %s has %d span(s) whose parent never arrived", tr.ID, tr.Orphans))
		}
		if len(tr.Roots) > 1 {
			problems = append(problems, fmt.Sprintf("X-Ray trace %s has %d roots, want 1", tr.ID, len(tr.Roots)))
		}
	}
	if len(xs) == 1 && xs[0].Spans == 1 && len(ds) == 0 {
		problems = append(problems, "the function sent nothing: only the function segment Lambda itself sends is there. "+
			"Wrap the handler after lambdatest.New (lambdatrace reads the daemon's address then); with several harnesses in one test binary, "+
			"wrap with lambdatrace.WithoutGlobals() or WithTracerProvider, since the default setup's globals keep writing to the first harness")
	}
	if len(ds) > 1 {
		problems = append(problems, fmt.Sprintf("the Datadog spans are in %d traces, want 1", len(ds)))
	}
	for _, tr := range ds {
		if n := len(tr.Roots()); n > 1 {
			problems = append(problems, fmt.Sprintf("Datadog trace %s has %d roots, want 1", tr.XRayTraceID(), n))
		}
	}
	if len(xs) == 1 && len(ds) == 1 && ds[0].XRayTraceID() != xs[0].ID {
		problems = append(problems, fmt.Sprintf("the Datadog trace is %s, the X-Ray trace %s: they cannot be joined", ds[0].XRayTraceID(), xs[0].ID))
	}
	inv.report(t, "is not one trace", problems)
}

// LinkedTo checks that the invocation's trace links to a span of other's
// (as a consumer's to its producer's), in each backend where both have
// spans: an X-Ray document's links name one of other's (sub)segments, a
// Datadog span link one of other's spans.
func (inv *Invocation) LinkedTo(t TB, other *Invocation) {
	t.Helper()
	var problems []string
	checked := false
	if mine, theirs := inv.XRayTraces(), other.XRayTraces(); len(mine) > 0 && len(theirs) > 0 {
		checked = true
		ids := map[string]bool{}
		for _, s := range other.spans() {
			ids[s.ID] = true
		}
		if !anySpan(inv.spans(), func(s *xraylocal.Span) bool { return anyOf(s.Links, ids) }) {
			problems = append(problems, "no X-Ray document of this invocation links to a (sub)segment of the other's trace")
		}
	}
	if mine, theirs := inv.DatadogTraces(), other.DatadogTraces(); len(mine) > 0 && len(theirs) > 0 {
		checked = true
		found := false
		for _, tr := range mine {
			for _, l := range tr.Links() {
				for _, o := range theirs {
					found = found || (l.TraceID == o.TraceID && o.Span(l.SpanID) != nil)
				}
			}
		}
		if !found {
			problems = append(problems, "no Datadog span of this invocation links to a span of the other's trace")
		}
	}
	if !checked {
		problems = append(problems, "the two invocations have no backend in common to compare")
	}
	if len(problems) > 0 {
		problems = append(problems, "the other invocation:\n"+other.Tree())
	}
	inv.report(t, "is not linked to the other", problems)
}

// LinkedToSpan checks that the invocation's trace links to sc, a producer's
// span that is not another invocation of a harness (for one that is, see
// LinkedTo): an X-Ray document's links, or a Datadog span link, name it.
func (inv *Invocation) LinkedToSpan(t TB, sc trace.SpanContext) {
	t.Helper()
	id := sc.SpanID().String()
	if anySpan(inv.spans(), func(s *xraylocal.Span) bool { return anyOf(s.Links, map[string]bool{id: true}) }) {
		return
	}
	tid, sid := sc.TraceID(), sc.SpanID()
	for _, tr := range inv.DatadogTraces() {
		for _, l := range tr.Links() {
			if l.SpanID == binary.BigEndian.Uint64(sid[:]) && l.TraceID == binary.BigEndian.Uint64(tid[8:]) {
				return
			}
		}
	}
	inv.report(t, "is not linked to span "+id+" of trace "+tid.String(), []string{"no X-Ray document or Datadog span links to it"})
}

// HasSubsegment returns the first X-Ray (sub)segment of the invocation named
// name ("" for any name) that every match accepts, and fails the test if
// there is none.
func (inv *Invocation) HasSubsegment(t TB, name string, ms ...Match) *xraylocal.Span {
	t.Helper()
	for _, s := range inv.spans() {
		if (name == "" || s.Name == name) && matchAll(s, ms) {
			return s
		}
	}
	want := fmt.Sprintf("%q", name)
	for _, m := range ms {
		want += " " + m.what
	}
	inv.report(t, "has no subsegment "+want, []string{"no X-Ray (sub)segment matches"})
	return nil
}

// HasDatadogSpan returns the first Datadog span of the invocation whose
// name or resource is name, and fails the test if there is none.
func (inv *Invocation) HasDatadogSpan(t TB, name string) *ddlocal.Span {
	t.Helper()
	for _, tr := range inv.DatadogTraces() {
		for i := range tr.Spans {
			if s := &tr.Spans[i]; s.Name == name || s.Resource == name {
				return s
			}
		}
	}
	inv.report(t, fmt.Sprintf("has no Datadog span named %q", name), []string{"no Datadog span matches"})
	return nil
}

// Metrics returns the DogStatsD metric values the function sent during the
// invocation, in order.
func (inv *Invocation) Metrics() []ddlocal.Metric {
	return append([]ddlocal.Metric(nil), inv.metrics...)
}

// HasMetric returns the first DogStatsD value the function sent during the
// invocation named name with every tag (key:value, or bare) given, and fails
// the test if there is none.
func (inv *Invocation) HasMetric(t TB, name string, tags ...string) ddlocal.Metric {
	t.Helper()
	for _, m := range inv.metrics {
		if m.Name == name && hasTags(m.Tags, tags) {
			return m
		}
	}
	var got []string
	for _, m := range inv.metrics {
		got = append(got, m.String())
	}
	inv.report(t, fmt.Sprintf("sent no metric %s %v", name, tags), []string{fmt.Sprintf("the metrics it sent: %v", got)})
	return ddlocal.Metric{}
}

func hasTags(have, want []string) bool {
	for _, w := range want {
		found := false
		for _, h := range have {
			found = found || h == w
		}
		if !found {
			return false
		}
	}
	return true
}

// NoXRayDocuments checks that no X-Ray document arrived during the
// invocation (as for one X-Ray did not sample).
func (inv *Invocation) NoXRayDocuments(t TB) {
	t.Helper()
	if n := inv.xrayAfter.Datagrams - inv.xrayBefore.Datagrams; n > 0 {
		inv.report(t, "sent to X-Ray", []string{fmt.Sprintf("%d datagram(s) reached xraylocal, want none", n)})
	}
}

// NoInvalidDocuments checks that every datagram received during the
// invocation passed validate.Datagram and was accepted, as the X-Ray
// daemon and X-Ray would accept it.
func (inv *Invocation) NoInvalidDocuments(t TB) {
	t.Helper()
	b, a := inv.xrayBefore, inv.xrayAfter
	var problems []string
	if n := a.Invalid - b.Invalid; n > 0 {
		problems = append(problems, fmt.Sprintf("%d datagram(s) broke a rule:", n))
		ps := inv.h.xray.Problems()
		if int(n) < len(ps) {
			ps = ps[len(ps)-int(n):]
		}
		for _, p := range ps {
			problems = append(problems, "  "+p.String())
		}
	}
	if n := a.Discarded - b.Discarded; n > 0 {
		problems = append(problems, fmt.Sprintf("%d datagram(s) the daemon would discard", n))
	}
	if n := a.Rejected - b.Rejected; n > 0 {
		problems = append(problems, fmt.Sprintf("%d document(s) X-Ray would reject", n))
	}
	inv.report(t, "sent invalid documents", problems)
}

// report fails the test with the problems and the trees.
func (inv *Invocation) report(t TB, what string, problems []string) {
	t.Helper()
	if len(problems) == 0 {
		return
	}
	t.Errorf("lambdatest: the invocation %s:\n  - %s\n%s", what, strings.Join(problems, "\n  - "), inv.Tree())
}

func anySpan(spans []*xraylocal.Span, f func(*xraylocal.Span) bool) bool {
	for _, s := range spans {
		if f(s) {
			return true
		}
	}
	return false
}

func anyOf(ids []string, set map[string]bool) bool {
	for _, id := range ids {
		if set[id] {
			return true
		}
	}
	return false
}
