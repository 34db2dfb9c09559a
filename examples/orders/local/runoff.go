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

// runOff finishes a run with Lambda's active tracing off: once handle-change
// has consumed every message, X-Ray must have received nothing (every
// invocation said Sampled=0), and, since ddlambda.Enable records Datadog
// spans whatever X-Ray sampled, post -> read must be one Datadog trace and
// handle-change linked to it, as with tracing on.
func runOff(ctx context.Context, o options, s *stack, calls []call, w io.Writer) (*result, error) {
	wctx, cancel := context.WithTimeoutCause(ctx, o.timeout, fmt.Errorf("-timeout %v ran out", o.timeout))
	defer cancel()
	if err := waitConsumed(wctx, s, o.posts); err != nil {
		return nil, err
	}
	// handle-change flushed before answering; the X-Ray side needs no wait
	// beyond its socket: a sampled document would already be counted.
	reportDatadog(w, s.dd)
	res := &result{calls: calls, formats: map[string]int{}}
	var problems []string
	if st := s.xray.Stats(); st.Datagrams > 0 {
		problems = append(problems, fmt.Sprintf("xraylocal received %d datagrams, want none (every invocation said Sampled=0)", st.Datagrams))
	}
	res.datadog, res.ddChecked = checkDatadog(s.dd, calls, o.posts), true
	problems = append(problems, res.datadog.problems...)
	if len(problems) > 0 {
		fmt.Fprintf(w, "\nNOT AS EXPECTED with active tracing off:\n")
		for _, p := range problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
		return res, errDatadogView
	}
	fmt.Fprintf(w, "\nOK with active tracing off: nothing reached X-Ray")
	if res.ddChecked {
		fmt.Fprintf(w, "; in Datadog post -> read in one trace, handle-change linked")
	}
	fmt.Fprintln(w)
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
