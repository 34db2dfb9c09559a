package main

import (
	"encoding/json"
	"fmt"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/internal/tracecheck"
	"github.com/otelxray/otelxray/xraylocal"
)

// link is a span link of a document: the linked trace and (sub)segment.
type link struct{ trace, id string }

// findings is what check learned about the demo's traces.
type findings struct {
	tracecheck.Findings
	// linkedFrom maps a (sub)segment to the traces of each consumer
	// function linked to it.
	linkedFrom map[link]map[string][]string
	// traces are the ids of all traces, oldest first.
	traces []string
}

// check verifies that the traces are connected as X-Ray shows them:
//   - every POST and PUT is one trace: product, with the Publish to SNS and
//     under it pricing (parented: SNS passes the trace to Lambda), and the
//     two PutEvents calls (product's analytics event, pricing's price);
//   - pricing's PutEvents is linked from one inventory trace (EventBridge ->
//     SQS -> inventory), in which the restock Task (stock) sits under the
//     StartExecution call (parented: Step Functions passes the trace on);
//   - each PutEvents of the trace is linked from an analytics trace of its
//     own (linked, not parented): two per change;
//   - every GET is a product trace with a GetItem;
//   - the analytics counts per event type (ddlambda.Count) reached the
//     Datadog agent stand-in (ddlocal);
//   - no document broke a rule of validate.Datagram, and none was dropped;
//   - Datadog has the same shape (checkDatadog).
func check(s *stack, calls []call) findings {
	srv := s.xray
	f := findings{linkedFrom: map[link]map[string][]string{}}
	summaries := srv.Traces("")
	for i := len(summaries) - 1; i >= 0; i-- {
		f.traces = append(f.traces, summaries[i].ID)
	}
	ofCalls := map[string]bool{}
	for _, c := range calls {
		ofCalls[c.root] = true
	}
	for _, id := range f.traces {
		t, ok := srv.Trace(id)
		if !ok || ofCalls[id] {
			continue
		}
		name := ""
		if len(t.Roots) == 1 {
			name = t.Roots[0].Name
		}
		switch name {
		case fnInventory:
			if f.OneTree("an inventory trace", t, fnInventory) {
				f.checkInventory(t)
			}
		case fnAnalytics:
			f.OneTree("an analytics trace", t, fnAnalytics)
		default:
			f.Addf("trace %s: no call started it, and it is neither an inventory nor an analytics trace (roots %d)", id, len(t.Roots))
			continue
		}
		n := 0
		for _, l := range documentLinks(t) {
			if l.trace == id {
				continue
			}
			n++
			if f.linkedFrom[l] == nil {
				f.linkedFrom[l] = map[string][]string{}
			}
			f.linkedFrom[l][name] = append(f.linkedFrom[l][name], id)
		}
		if n == 0 {
			f.Addf("the %s trace %s links to no other trace", name, id)
		}
	}
	for _, c := range calls {
		t, ok := srv.Trace(c.root)
		switch {
		case !ok:
			f.Addf("%s %s: no trace %s", c.method, c.path, c.root)
		case c.mutates():
			f.checkChange(c, t)
		default:
			f.checkGet(c, t)
		}
	}
	f.checkCounts(s, calls)
	f.Documents(srv)
	f.checkDatadog(s.dd, calls)
	return f
}

// checkCounts checks the catalog.events counts that reached the Datadog
// agent stand-in: one per POST (ProductCreated) or PUT (ProductUpdated),
// and one PriceCalculated for each.
func (f *findings) checkCounts(s *stack, calls []call) {
	posts, puts := 0, 0
	for _, c := range calls {
		switch c.method {
		case "POST":
			posts++
		case "PUT":
			puts++
		}
	}
	counts, _ := s.eventCounts()
	for typ, want := range map[string]int{catalog.ProductCreated: posts, catalog.ProductUpdated: puts, catalog.PriceCalculated: posts + puts} {
		if int(counts[typ]) != want {
			f.Addf("metric %s{event_type:%s} = %v, want %d", "catalog.events", typ, counts[typ], want)
		}
	}
}

// calls counts the AWS calls of operation op in t, and the function
// segments name (with their invocation) below the root.
func count(t *xraylocal.Trace, op, name string) (ops []*xraylocal.Span, fns int) {
	t.Walk(func(s *xraylocal.Span, depth int) bool {
		switch {
		case s.Namespace == "aws" && s.AWS["operation"] == op:
			ops = append(ops, s)
		case s.Kind == "segment" && s.Name == name && depth > 0 && tracecheck.Invocation(s, name) != nil:
			fns++
		}
		return true
	})
	return ops, fns
}

func (f *findings) checkChange(c call, t *xraylocal.Trace) {
	what := c.method + " " + c.path
	if !f.OneTree(what, t, fnProduct) {
		return
	}
	if pubs, pricing := count(t, "Publish", fnPricing); len(pubs) != 1 || pricing != 1 {
		f.Addf("%s: trace %s has %d Publish call(s) and %d pricing segment(s) under them; want 1 and 1", what, t.ID, len(pubs), pricing)
	}
	puts, _ := count(t, "PutEvents", "")
	if len(puts) != 2 {
		f.Addf("%s: trace %s has %d PutEvents call(s); want 2 (product's analytics event, pricing's price)", what, t.ID, len(puts))
	}
	inventory, analytics := 0, 0
	for _, p := range puts {
		inventory += len(f.linkedFrom[link{t.ID, p.ID}][fnInventory])
		analytics += len(f.linkedFrom[link{t.ID, p.ID}][fnAnalytics])
	}
	if inventory != 1 || analytics != 2 {
		f.Addf("%s: the PutEvents calls of trace %s are linked from %d inventory and %d analytics trace(s); want 1 and 2", what, t.ID, inventory, analytics)
	}
}

// checkInventory checks an inventory trace: one StartExecution, with stock
// under it, per message of the SQS batch (one link each; Lambda may hand
// the function several messages at once).
func (f *findings) checkInventory(t *xraylocal.Trace) {
	messages := 0
	for _, l := range documentLinks(t) {
		if l.trace != t.ID {
			messages++
		}
	}
	if starts, stock := count(t, "StartExecution", fnStock); len(starts) != max(messages, 1) || stock != len(starts) {
		f.Addf("inventory trace %s (%d message(s)) has %d StartExecution call(s) and %d stock segment(s) in it; want one each per message", t.ID, messages, len(starts), stock)
	}
}

func (f *findings) checkGet(c call, t *xraylocal.Trace) {
	if !f.OneTree(c.method+" "+c.path, t, fnProduct) {
		return
	}
	if gets, _ := count(t, "GetItem", ""); len(gets) != 1 {
		f.Addf("%s %s: trace %s has %d GetItem call(s); want 1", c.method, c.path, t.ID, len(gets))
	}
}

// documentLinks returns the links of every (sub)segment in t's documents.
func documentLinks(t *xraylocal.Trace) []link {
	var out []link
	var walk func(doc map[string]any)
	walk = func(doc map[string]any) {
		ls, _ := doc["links"].([]any)
		for _, l := range ls {
			if m, ok := l.(map[string]any); ok {
				out = append(out, link{fmt.Sprint(m["trace_id"]), fmt.Sprint(m["id"])})
			}
		}
		subs, _ := doc["subsegments"].([]any)
		for _, s := range subs {
			if m, ok := s.(map[string]any); ok {
				walk(m)
			}
		}
	}
	for _, raw := range t.Documents {
		var doc map[string]any
		if json.Unmarshal(raw, &doc) == nil {
			walk(doc)
		}
	}
	return out
}
