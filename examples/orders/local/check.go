package main

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"

	"github.com/otelxray/otelxray/examples/internal/tracecheck"
	"github.com/otelxray/otelxray/xraylocal"
)

// link is a span link of a document: the linked trace and (sub)segment.
type link struct{ trace, id string }

// findings is what check learned about the traces of the demo's calls.
type findings struct {
	tracecheck.Findings
	// links maps a SendMessage subsegment (its trace and id) to the
	// handle-change traces linked to it.
	links map[link][]string
	// traces are the ids of all traces, oldest first.
	traces []string
}

// check verifies that the demo's traces are connected as X-Ray shows them
// and that every document passed validation:
//   - every POST trace is one tree: the post function segment, post's
//     invocation under it, read's function segment under post's HTTP call
//     and read's invocation under that, and a SendMessage to the queue;
//     and read saw that trace (the trace_id of the order context);
//   - every SendMessage is linked from a handle-change invocation, in a
//     trace of its own: the handle-change function segment and its
//     invocation, which links to the producers;
//   - every GET trace is read's function segment with read's invocation;
//   - no document broke a rule of validate.Datagram, and none was dropped.
func check(srv *xraylocal.Server, calls []call) findings {
	f := findings{links: map[link][]string{}}
	summaries := srv.Traces("")
	for i := len(summaries) - 1; i >= 0; i-- {
		f.traces = append(f.traces, summaries[i].ID)
	}
	ofCalls := map[string]bool{}
	for _, c := range calls {
		ofCalls[c.root] = true
	}
	// The other traces are handle-change's, each linked to producers.
	for _, id := range f.traces {
		t, ok := srv.Trace(id)
		if !ok || ofCalls[id] {
			continue
		}
		if !f.OneTree("a trace no call started (want "+fnChange+"'s)", t, fnChange) {
			continue
		}
		links := documentLinks(t)
		if len(links) == 0 {
			f.Addf("the %s trace %s links to no producer", fnChange, id)
		}
		for _, l := range links {
			f.links[l] = append(f.links[l], id)
		}
	}
	for _, c := range calls {
		t, ok := srv.Trace(c.root)
		switch {
		case !ok:
			f.Addf("%s %s: no trace %s", c.method, c.path, c.root)
		case c.method == http.MethodPost:
			f.checkPost(c, t)
		default:
			f.checkGet(c, t)
		}
	}
	f.Documents(srv)
	return f
}

func (f *findings) checkPost(c call, t *xraylocal.Trace) {
	if c.contextTrace != t.ID {
		f.Addf("POST %s: read served the order context in trace %q, not in post's trace %s", c.path, c.contextTrace, t.ID)
	}
	if !f.OneTree(c.method+" "+c.path, t, fnPost) {
		return
	}
	var readUnderPost, sends int
	t.Walk(func(s *xraylocal.Span, depth int) bool {
		switch {
		case s.Kind == "segment" && s.Name == fnRead && depth > 0 && tracecheck.Invocation(s, fnRead) != nil:
			readUnderPost++
		case s.Namespace == "aws" && s.AWS["operation"] == "SendMessage" && strings.HasSuffix(fmt.Sprint(s.AWS["queue_url"]), "/"+queueName):
			sends++
			if len(f.links[link{t.ID, s.ID}]) == 0 {
				f.Addf("POST %s: the SendMessage %s of trace %s is linked from no %s invocation", c.path, s.ID, t.ID, fnChange)
			}
		}
		return true
	})
	if readUnderPost != 1 {
		f.Addf("POST %s: trace %s has %d read segment(s) with their invocation under post; want 1", c.path, t.ID, readUnderPost)
	}
	if sends != 1 {
		f.Addf("POST %s: trace %s has %d SendMessage call(s) to %s; want 1", c.path, t.ID, sends, queueName)
	}
}

func (f *findings) checkGet(c call, t *xraylocal.Trace) {
	if !f.OneTree(c.method+" "+c.path, t, fnRead) {
		return
	}
	gets := 0
	t.Walk(func(s *xraylocal.Span, _ int) bool {
		if s.Namespace == "aws" && s.AWS["operation"] == "GetItem" && s.AWS["table_name"] == tableName {
			gets++
		}
		return true
	})
	if gets != 1 {
		f.Addf("GET %s: trace %s has %d GetItem call(s) on %s; want 1", c.path, t.ID, gets, tableName)
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
