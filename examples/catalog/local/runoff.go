package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/otelxray/otelxray/examples/internal/cli"
)

// errDatadogView is returned when the run with active tracing off is not as
// it should be: X-Ray got documents, or the Datadog view is not connected.
var errDatadogView = errors.New("with active tracing off, X-Ray must get nothing and Datadog the connected traces (see above)")

// checkOff verifies a run with Lambda's active tracing off: X-Ray received
// nothing (every invocation said Sampled=0), while Datadog, since
// ddlambda.Enable records every invocation for Datadog whatever X-Ray
// sampled, has the same shape as with tracing on, and the counts.
func checkOff(s *stack, calls []call) findings {
	var f findings
	if st := s.xray.Stats(); st.Datagrams > 0 {
		f.Addf("xraylocal received %d datagram(s), want none (every invocation said Sampled=0)", st.Datagrams)
	}
	f.checkCounts(s, calls)
	f.checkDatadog(s.dd, calls)
	return f
}

// runOff finishes a run with active tracing off, once the asynchronous
// work is done: it prints the Datadog view and checks it (checkOff).
func runOff(ctx context.Context, s *stack, calls []call, mutations int, progress, w io.Writer) (*result, error) {
	var f findings
	waitErr := waitFor(ctx, s, mutations, progress, func() bool {
		f = checkOff(s, calls)
		return len(f.Problems) == 0
	})
	f = checkOff(s, calls)
	fmt.Fprintf(w, "\nxraylocal received %d datagrams with active tracing off\n", s.xray.Stats().Datagrams)
	reportDatadog(w, s.dd)
	res := &result{calls: calls, findings: f}
	if len(f.Problems) > 0 {
		fmt.Fprintf(w, "\nNOT AS EXPECTED with active tracing off:\n")
		for _, p := range f.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
	}
	switch {
	case waitErr != nil:
		return res, waitErr
	case len(f.Problems) > 0:
		return res, errDatadogView
	}
	counts, _ := s.eventCounts()
	fmt.Fprintf(w, "\nOK with active tracing off: nothing reached X-Ray; in Datadog product -> SNS -> pricing in one trace, "+
		"inventory and analytics linked (%d traces, %d spans); catalog.events counts %v\n", len(s.dd.Traces()), s.dd.Stats().Spans, counts)
	return res, nil
}

// runAll runs the demo once per o.runs, and fails if any run did.
func runAll(ctx context.Context, o options, w io.Writer) error {
	return cli.EachRun(w, o.runs, func(off bool) error {
		o.tracingOff = off
		_, err := run(ctx, o, w)
		return err
	})
}
