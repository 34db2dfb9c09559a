package main

import (
	"bytes"
	"context"
	"testing"
	"time"
)

// TestOrdersDemoDatadog runs the demo with Lambda's active tracing on and
// off and checks the Datadog view: post -> read is one Datadog trace and
// handle-change is linked to it. With tracing off X-Ray must get nothing,
// and Datadog the same connected traces.
func TestOrdersDemoDatadog(t *testing.T) {
	const posts = 2
	for _, tt := range []struct {
		name string
		off  bool
	}{{"tracing on", false}, {"tracing off", true}} {
		t.Run(tt.name, func(t *testing.T) {
			ctx, cancel := context.WithTimeout(context.Background(), 3*time.Minute)
			defer cancel()
			var out, fnOut bytes.Buffer
			res, err := run(ctx, options{posts: posts, timeout: 2 * time.Minute, process: testProcess, tracingOff: tt.off,
				progress: &out, functionOutput: &fnOut}, &out)
			t.Logf("demo output:\n%s", out.String())
			if err != nil {
				t.Fatalf("%v\nfunctions' output:\n%s", err, fnOut.String())
			}
			if !res.ddChecked {
				t.Fatal("the Datadog view was not checked")
			}
			if d := res.datadog; d.posts != posts || d.linked != posts || len(d.problems) > 0 {
				t.Errorf("Datadog: %d POSTs with post -> read in one trace, %d handle-change links, problems %v; want %d, %d, none",
					d.posts, d.linked, d.problems, posts, posts)
			}
		})
	}
}
