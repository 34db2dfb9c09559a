package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/examples/orders/internal/order"
)

// postEvery makes one load request in this many a POST; the others GET.
const postEvery = 5

// loadTest runs the load with tracing on, then off, and prints the table;
// it fails on any invalid document, unexplained loss or failed request.
func loadTest(ctx context.Context, o options, w io.Writer) error {
	fmt.Fprintf(w, "load test: %v at %d requests/s (1 in %d a POST), tracing on, then off\n", o.load.Duration, o.load.Rate, postEvery)
	var ms [2]loadgen.Measure
	for i, untraced := range []bool{false, true} {
		m, err := loadOnce(ctx, o, untraced, w)
		if err != nil {
			return err
		}
		ms[i] = m
	}
	fmt.Fprintf(w, "\nload: go -C examples run ./orders/local -load %v -rate %d\n\n", o.load.Duration, o.load.Rate)
	loadgen.WriteTable(w, ms[0], ms[1])
	var problems []string
	for i, label := range []string{"tracing on", "tracing off"} {
		for _, p := range ms[i].Problems() {
			problems = append(problems, label+": "+p)
		}
		if ms[i].Result.Failed > 0 {
			problems = append(problems, fmt.Sprintf("%s: %d request(s) failed, the first: %v", label, ms[i].Result.Failed, ms[i].Result.FirstError))
		}
	}
	if len(problems) > 0 {
		return errors.New("the load test failed:\n  - " + strings.Join(problems, "\n  - "))
	}
	fmt.Fprintln(w, "\nOK: no invalid document, no unexplained loss, no failed request")
	return nil
}

func loadOnce(ctx context.Context, o options, untraced bool, w io.Writer) (loadgen.Measure, error) {
	s, err := startStack(stackConfig{process: o.process, output: o.functionOutput, format: o.format, relay: true, untraced: untraced})
	if err != nil {
		return loadgen.Measure{}, err
	}
	defer s.close()
	client := &http.Client{Timeout: 60 * time.Second}
	body := `{"customer":"alice","item":"teapot","quantity":1}`
	seed, err := do(ctx, client, http.MethodPost, s.api.URL(), "/orders", body)
	if err != nil {
		return loadgen.Measure{}, err
	}
	var created order.Change
	if err := json.Unmarshal(seed.body, &created); err != nil || seed.status != http.StatusCreated {
		return loadgen.Measure{}, fmt.Errorf("POST /orders: %d %s", seed.status, seed.body)
	}
	var posts atomic.Int64
	posts.Add(1)
	sampler := loadgen.Sample(s.xray)
	res, err := loadgen.Run(ctx, loadgen.Config{Duration: o.load.Duration, Rate: o.load.Rate, Target: s.api.URL(),
		Do: func(ctx context.Context, i int) error {
			method, path, want, b := http.MethodGet, "/orders/"+created.Order.ID, http.StatusOK, ""
			if i%postEvery == 0 {
				method, path, want, b = http.MethodPost, "/orders", http.StatusCreated, body
			}
			r, err := do(ctx, client, method, s.api.URL(), path, b)
			if err == nil && r.status != want {
				err = fmt.Errorf("%s %s: %d %s", method, path, r.status, r.body)
			}
			if err == nil && method == http.MethodPost {
				posts.Add(1)
			}
			return err
		}})
	if err != nil {
		sampler.Stop()
		return loadgen.Measure{}, err
	}
	label := map[bool]string{false: "tracing on", true: "tracing off"}[untraced]
	fmt.Fprintf(w, "%s: %d requests in %v; waiting for the queue and the documents\n", label, res.Requests, res.Elapsed.Round(time.Millisecond))
	wctx, cancel := context.WithTimeoutCause(ctx, o.timeout, fmt.Errorf("-timeout %v ran out", o.timeout))
	defer cancel()
	for wctx.Err() == nil && s.source.Delivered()+s.source.Failed() < int(posts.Load()) {
		select {
		case <-wctx.Done():
		case <-time.After(100 * time.Millisecond):
		}
	}
	loadgen.Settle(wctx, s.relay, s.xray)
	heap, mem := sampler.Stop()
	m := loadgen.Measure{Result: res, Due: o.load.Due(), Segments: s.lambda.Segments(),
		Relay: s.relay.Stats(), XRay: s.xray.Stats(), PeakHeap: heap, PeakMemory: mem}
	s.functionSpans(&m)
	if err := wctx.Err(); err != nil {
		return m, fmt.Errorf("%s: gave up waiting (%v): %d of %d queue messages handled", label, context.Cause(wctx), s.source.Delivered()+s.source.Failed(), posts.Load())
	}
	return m, nil
}
