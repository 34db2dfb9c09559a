package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"time"

	"github.com/otelxray/otelxray/ddlocal"
)

// ddFindings is what checkDatadog learned about the Datadog traces.
type ddFindings struct {
	// problems says what is not as Datadog should show it.
	problems []string
	// posts counts the POST traces with post and read in one trace; linked
	// the handle-change traces linked to a POST trace.
	posts, linked int
}

// checkDatadog verifies the Datadog view: every POST is one Datadog trace
// (same 128-bit ID as in X-Ray) with post's and read's spans, and every
// message handle-change consumed is linked to a POST trace.
func checkDatadog(dd *ddlocal.Server, calls []call, posts int) ddFindings {
	var f ddFindings
	postTraces := map[uint64]bool{}
	for _, c := range calls {
		if c.method != http.MethodPost {
			continue
		}
		tr, ok := dd.Trace(c.root)
		switch {
		case !ok:
			f.problems = append(f.problems, fmt.Sprintf("Datadog has no trace %s (the POST of %s)", c.root, c.orderID))
		case !hasFunction(tr, fnPost) || !hasFunction(tr, fnRead):
			f.problems = append(f.problems, fmt.Sprintf("Datadog trace %s lacks %s's or %s's spans: post -> read is not one trace", c.root, fnPost, fnRead))
		default:
			f.posts++
			postTraces[tr.TraceID] = true
		}
	}
	for _, tr := range dd.Traces() {
		if !hasFunction(tr, fnChange) {
			continue
		}
		for _, l := range tr.Links() {
			if postTraces[l.TraceID] {
				f.linked++
			}
		}
	}
	if f.linked != posts {
		f.problems = append(f.problems, fmt.Sprintf("%d span links from %s to a POST's Datadog trace, want %d (one per message)", f.linked, fnChange, posts))
	}
	return f
}

// hasFunction reports whether the trace has a span of the function name:
// its service, or the resource of its serverless span.
func hasFunction(tr ddlocal.Trace, name string) bool {
	for _, s := range tr.Spans {
		if s.Service == name || (s.Type == "serverless" && s.Resource == name) {
			return true
		}
	}
	return false
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
	if st.BadPayloads > 0 || st.BadLines > 0 {
		fmt.Fprintf(w, "%d payloads and %d metric lines could not be read: %s\n", st.BadPayloads, st.BadLines, st.LastError)
	}
}

// waitConsumed waits until handle-change has consumed every message the
// POSTs sent: with active tracing off there are no X-Ray traces to wait for.
func waitConsumed(ctx context.Context, s *stack, posts int) error {
	tick := time.NewTicker(50 * time.Millisecond)
	defer tick.Stop()
	for s.source.Delivered()+s.source.Failed() < posts {
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up waiting for %s to consume %d messages (%v)", fnChange, posts, context.Cause(ctx))
		case <-tick.C:
		}
	}
	return nil
}
