package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
)

// errNotConnected is returned when the traces are not as X-Ray or Datadog
// would show them, or a document or payload broke a rule.
var errNotConnected = errors.New("the traces are not connected as X-Ray or Datadog would show them (see above)")

// options configure a run of the demo.
type options struct {
	serve    bool
	httpAddr string
	posts    int
	timeout  time.Duration
	// load, when its Duration > 0, runs the load test instead.
	load loadgen.Flags
	// tracingOff runs the functions with Lambda's active tracing off
	// (runOff); runs are its values, one run each (runAll).
	tracingOff bool
	runs       []bool
	// process starts a function's process (see stackConfig).
	process        func(name string) (lambdasim.Process, error)
	progress       io.Writer
	functionOutput io.Writer
}

// result is what a run leaves for its caller (the test).
type result struct {
	calls    []call
	findings findings
}

// run runs the demo, printing to w.
func run(ctx context.Context, o options, w io.Writer) (*result, error) {
	if o.functionOutput == nil {
		o.functionOutput = io.Discard
	}
	httpAddr := ""
	if o.serve {
		httpAddr = o.httpAddr
	}
	cfg := stackConfig{httpAddr: httpAddr, process: o.process, output: o.functionOutput, deliveryErrors: o.functionOutput, tracingOff: o.tracingOff}
	s, err := startStack(cfg)
	if err != nil && httpAddr != "" && httpAddr != "127.0.0.1:0" {
		fmt.Fprintf(w, "%s is not available (%v); the web UI takes a free port\n", httpAddr, err)
		cfg.httpAddr = "127.0.0.1:0"
		s, err = startStack(cfg)
	}
	if err != nil {
		return nil, err
	}
	defer s.close()
	fmt.Fprintf(w, "xraylocal on udp %s (the functions send through a counting relay on %s)\n", s.xray.UDPAddr(), s.relay.Addr())
	fmt.Fprintf(w, "stand-ins for DynamoDB, SNS, EventBridge, SQS and Step Functions on %s; the API on %s\n", s.aws.URL(), s.api.URL())
	fmt.Fprintf(w, "the Datadog agent stand-in (ddlocal) on %s (traces) and udp %s (DogStatsD)\n", s.dd.URL(), s.dd.StatsdAddr())
	fmt.Fprintf(w, "functions %v started as Lambda processes\n\n", functionNames)

	calls, err := traffic(ctx, newClient(), s.api.URL(), o.posts, w)
	if err != nil {
		return nil, err
	}
	mutations := 0
	for _, c := range calls {
		if c.mutates() {
			mutations++
		}
	}
	wctx, cancel := context.WithTimeoutCause(ctx, o.timeout, fmt.Errorf("-timeout %v ran out", o.timeout))
	defer cancel()
	if o.tracingOff {
		return runOff(wctx, s, calls, mutations, o.progress, w)
	}
	var f findings
	waitErr := waitFor(wctx, s, mutations, o.progress, func() bool {
		f = check(s, calls)
		return len(f.Problems) == 0
	})
	f = check(s, calls)
	report(w, s.xray, calls, f)
	reportDatadog(w, s.dd)
	res := &result{calls: calls, findings: f}
	if len(f.Problems) > 0 {
		fmt.Fprintf(w, "\nNOT CONNECTED as X-Ray or Datadog would show them:\n")
		for _, p := range f.Problems {
			fmt.Fprintf(w, "  - %s\n", p)
		}
	}
	switch {
	case waitErr != nil:
		return res, waitErr
	case len(f.Problems) > 0:
		return res, errNotConnected
	}
	counts, _ := s.eventCounts()
	fmt.Fprintf(w, "\nOK: %d documents, all valid; product -> SNS -> pricing in one trace; pricing -> EventBridge -> SQS -> inventory linked, "+
		"inventory -> Step Functions -> stock in one trace; analytics linked to both producers; "+
		"the same in Datadog (%d traces, %d spans); catalog.events counts %v\n", s.xray.Stats().Documents, len(s.dd.Traces()), s.dd.Stats().Spans, counts)
	if !o.serve {
		fmt.Fprintf(w, "To browse these traces and the service map: go -C examples run ./catalog/local --serve, then open http://%s/\n", o.httpAddr)
		return res, nil
	}
	fmt.Fprintf(w, "\nAPI: %s (try: curl -X POST -d '{\"name\":\"tea\",\"price\":3}' %s/products)\n", s.api.URL(), s.api.URL())
	fmt.Fprintf(w, "Open %s in a browser for these traces and the service map; Ctrl-C to stop\n", s.xray.URL())
	<-ctx.Done()
	return res, nil
}
