package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/xraylocal"
)

// errNotConnected is returned when the traces are not as X-Ray would show
// them, or a document broke a rule.
var errNotConnected = errors.New("the traces are not connected as X-Ray would show them (see above)")

// options configure a run of the demo.
type options struct {
	serve    bool
	httpAddr string
	posts    int
	timeout  time.Duration
	// tracingOff runs the functions with Lambda's active tracing off
	// (every invocation Sampled=0); see runOff.
	tracingOff bool
	// runs are the values of tracingOff the command runs the demo with,
	// in order (see runAll).
	runs []bool
	// format is the functions' wire format: "segments" or "otlp"
	// (OTEL_XRAY_UDP_FORMAT); empty: the exporter's default.
	format string
	// load, when its duration is set, runs the load test instead.
	load loadgen.Flags
	// process starts a function's process (see stackConfig).
	process func(name string) (lambdasim.Process, error)
	// progress receives the status line while waiting (tty: rewritten in
	// place); functionOutput the functions' output.
	progress       io.Writer
	tty            bool
	functionOutput io.Writer
}

// result is what a run leaves for its caller (the test).
type result struct {
	serviceMap *xraylocal.ServiceMap
	calls      []call
	findings   findings
	// formats counts the traces by the format they arrived in.
	formats map[string]int
	// datadog is what checkDatadog found; ddChecked is false when the
	// Datadog view was not checked.
	datadog   ddFindings
	ddChecked bool
}

// run runs the demo, printing to w. It returns an error when something did
// not start or the traces are not as X-Ray would show them.
func run(ctx context.Context, o options, w io.Writer) (*result, error) {
	if o.functionOutput == nil {
		o.functionOutput = io.Discard
	}
	httpAddr := ""
	if o.serve {
		httpAddr = o.httpAddr
	}
	s, err := startStack(stackConfig{httpAddr: httpAddr, process: o.process, output: o.functionOutput, format: o.format, tracingOff: o.tracingOff})
	if err != nil && httpAddr != "" && httpAddr != "127.0.0.1:0" {
		// The UI's address is taken (another xraylocal?): take any free port.
		fmt.Fprintf(w, "%s is not available (%v); the web UI takes a free port\n", httpAddr, err)
		s, err = startStack(stackConfig{httpAddr: "127.0.0.1:0", process: o.process, output: o.functionOutput, format: o.format, tracingOff: o.tracingOff})
	}
	if err != nil {
		return nil, err
	}
	defer s.close()
	fmt.Fprintf(w, "xraylocal, a local X-Ray daemon that receives and checks the traces, on udp %s\n", s.xray.UDPAddr())
	fmt.Fprintf(w, "stand-ins for DynamoDB and SQS on %s; the API (as API Gateway) on %s\n", s.aws.URL(), s.api.URL())
	fmt.Fprintf(w, "functions %s, %s, %s started as Lambda processes\n", fnPost, fnRead, fnChange)

	fmt.Fprintf(w, "the Datadog agent stand-in on %s (traces) and udp %s (DogStatsD)\n", s.dd.URL(), s.dd.StatsdAddr())
	if o.tracingOff {
		fmt.Fprintf(w, "Lambda's active tracing is OFF: every invocation gets Sampled=0\n")
	}
	fmt.Fprintln(w)
	calls, err := traffic(ctx, s.api.URL(), o.posts, w)
	if err != nil {
		return nil, err
	}
	if o.tracingOff {
		return runOff(ctx, o, s, calls, w)
	}
	wctx, cancel := context.WithTimeoutCause(ctx, o.timeout, fmt.Errorf("-timeout %v ran out", o.timeout))
	defer cancel()
	f, waitErr := waitForTraces(wctx, s, calls, o.posts, &progress{w: o.progress, tty: o.tty})
	report(w, s.xray, calls, f)
	reportDatadog(w, s.dd)
	res := &result{serviceMap: s.xray.ServiceMap(), calls: calls, findings: f, formats: map[string]int{},
		datadog: checkDatadog(s.dd, calls, o.posts), ddChecked: true}
	f.Problems = append(f.Problems, res.datadog.problems...)
	for _, t := range s.xray.Traces("") {
		res.formats[t.Format]++
	}
	if len(f.Problems) > 0 {
		fmt.Fprintf(w, "\nNOT CONNECTED as X-Ray would show them:\n")
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
	st := s.xray.Stats()
	fmt.Fprintf(w, "\nOK: %d documents, all valid; post -> read in one trace, post -> SQS -> handle-change linked, in X-Ray and in Datadog\n", st.Documents)
	if !o.serve {
		fmt.Fprintf(w, "To browse these traces and the service map: go -C examples run ./orders/local --serve, then open http://%s/\n", o.httpAddr)
		return res, nil
	}
	fmt.Fprintf(w, "\nAPI: %s (try: curl -X POST -d '{\"customer\":\"you\",\"item\":\"tea\",\"quantity\":1}' %s/orders)\n", s.api.URL(), s.api.URL())
	fmt.Fprintf(w, "Open %s in a browser for these traces and the service map; Ctrl-C to stop\n", s.xray.URL())
	<-ctx.Done()
	return res, nil
}
