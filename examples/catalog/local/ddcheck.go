package main

import (
	"fmt"
	"io"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/examples/catalog/internal/analytics"
)

// putEvents is the resource of an EventBridge PutEvents span in Datadog.
const putEvents = "EventBridge.PutEvents"

// checkDatadog verifies the Datadog view of the calls, as the Datadog agent
// stand-in received it, and adds what is wrong to f:
//   - every POST and PUT is one Datadog trace (the 128-bit ID X-Ray has)
//     with product's invocation, its SNS.Publish, pricing's invocation
//     (SNS passes the trace on) and both PutEvents calls;
//   - pricing's PutEvents is linked from one inventory invocation, whose
//     trace holds one StartExecution and one stock invocation per message
//     of its batch (Step Functions passes the trace on);
//   - each PutEvents is linked from an analytics trace of its own: two per
//     change, none parented (no analytics span in the change's trace);
//   - the stand-in could read every payload and metric line, and kept
//     every span and value.
//
// The catalog.events counts are checked with X-Ray's (check).
func (f *findings) checkDatadog(dd *ddlocal.Server, calls []call) {
	// linked maps a span ID to the functions whose invocations link to it.
	linked := map[uint64][]string{}
	for _, tr := range dd.Traces() {
		for _, s := range tr.Spans {
			if fn, ok := invocationOf(&s); ok && (fn == fnInventory || fn == fnAnalytics) {
				if fn == fnInventory {
					// One execution, and stock's invocation, per message
					// of the batch (one link each).
					starts, stock := len(childrenNamed(&tr, &s, "SFN.StartExecution")), len(functionSpans(&tr, fnStock))
					if starts != max(len(s.Links), 1) || stock != starts {
						f.Addf("Datadog: inventory trace %s (%d message(s)) has %d SFN.StartExecution span(s) and %d stock tracecheck.Invocation(s); want one each per message (Step Functions passes the trace on)",
							tr.XRayTraceID(), len(s.Links), starts, stock)
					}
				}
				for _, l := range s.Links {
					linked[l.SpanID] = append(linked[l.SpanID], fn)
				}
			}
		}
	}
	for _, c := range calls {
		if !c.mutates() {
			continue
		}
		what := "Datadog: " + c.method + " " + c.path
		tr, ok := dd.Trace(c.root)
		if !ok {
			f.Addf("%s: no Datadog trace %s (the X-Ray trace's ID)", what, c.root)
			continue
		}
		product, pricing := functionSpans(&tr, fnProduct), functionSpans(&tr, fnPricing)
		if len(product) != 1 || len(pricing) != 1 || len(childrenNamed(&tr, product[0], "SNS.Publish")) != 1 {
			f.Addf("%s: trace %s has %d product and %d pricing tracecheck.Invocation(s); want one each, product with its SNS.Publish: product -> SNS -> pricing is not one trace", what, c.root, len(product), len(pricing))
			continue
		}
		if n := len(functionSpans(&tr, fnAnalytics)); n > 0 {
			f.Addf("%s: trace %s holds %d analytics tracecheck.Invocation(s); want them linked, in traces of their own", what, c.root, n)
		}
		ownPuts, pricingPuts := childrenNamed(&tr, product[0], putEvents), childrenNamed(&tr, pricing[0], putEvents)
		if len(ownPuts) != 1 || len(pricingPuts) != 1 {
			f.Addf("%s: trace %s has %d PutEvents under product and %d under pricing; want 1 and 1", what, c.root, len(ownPuts), len(pricingPuts))
			continue
		}
		inv, an := occurrences(linked[pricingPuts[0].SpanID], fnInventory), occurrences(linked[pricingPuts[0].SpanID], fnAnalytics)+occurrences(linked[ownPuts[0].SpanID], fnAnalytics)
		if inv != 1 || an != 2 {
			f.Addf("%s: the PutEvents spans of trace %s are linked from %d inventory and %d analytics tracecheck.Invocation(s); want 1 (to pricing's) and 2 (one each)", what, c.root, inv, an)
		}
	}
	st := dd.Stats()
	if st.BadPayloads > 0 || st.BadLines > 0 {
		f.Addf("Datadog: the stand-in could not read %d trace payload(s) and %d metric line(s); the last: %s", st.BadPayloads, st.BadLines, st.LastError)
	}
	if st.DroppedSpans > 0 || st.DroppedMetrics > 0 {
		f.Addf("Datadog: the stand-in dropped %d span(s) and %d metric value(s) over its limits", st.DroppedSpans, st.DroppedMetrics)
	}
}

// invocationOf returns the function of s when s is ddlambda's aws.lambda
// span (its resource is the function's name).
func invocationOf(s *ddlocal.Span) (string, bool) {
	return s.Resource, s.Name == "aws.lambda" && s.Type == "serverless"
}

// functionSpans returns the invocation spans of the function name in tr.
func functionSpans(tr *ddlocal.Trace, name string) []*ddlocal.Span {
	var out []*ddlocal.Span
	for i := range tr.Spans {
		if fn, ok := invocationOf(&tr.Spans[i]); ok && fn == name {
			out = append(out, &tr.Spans[i])
		}
	}
	return out
}

// childrenNamed returns the children of s whose resource is resource.
func childrenNamed(tr *ddlocal.Trace, s *ddlocal.Span, resource string) []*ddlocal.Span {
	var out []*ddlocal.Span
	for _, c := range tr.Children(s) {
		if c.Resource == resource {
			out = append(out, c)
		}
	}
	return out
}

// occurrences counts name in names.
func occurrences(names []string, name string) int {
	n := 0
	for _, s := range names {
		if s == name {
			n++
		}
	}
	return n
}

// eventCounts sums the analytics function's counts (analytics.Metric) that
// reached the Datadog agent stand-in, by their event_type tag, and their
// total.
func (s *stack) eventCounts() (map[string]float64, float64) {
	out, total := map[string]float64{}, 0.0
	for _, m := range s.dd.Metrics() {
		if m.Name != analytics.Metric || m.Type != "c" {
			continue
		}
		typ, _ := m.Tag("event_type")
		out[typ] += m.Value
		total += m.Value
	}
	return out, total
}

// reportDatadog prints every Datadog trace as a tree, and the metrics.
func reportDatadog(w io.Writer, dd *ddlocal.Server) {
	st := dd.Stats()
	fmt.Fprintf(w, "\n== %d Datadog traces (%d spans), as the Datadog agent stand-in received them\n", len(dd.Traces()), st.Spans)
	for _, tr := range dd.Traces() {
		fmt.Fprintln(w)
		_ = tr.WriteTree(w)
	}
	fmt.Fprintln(w)
	_ = dd.WriteMetrics(w)
}
