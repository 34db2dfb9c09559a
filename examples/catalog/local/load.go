package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"sync/atomic"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
)

// postEvery makes one load request in this many a POST (which sets off the
// whole asynchronous chain); the others are GETs.
const postEvery = 5

// loadTest runs the load twice, tracing on then off, and prints the table.
// It fails on any invalid document, unexplained loss (to X-Ray or to the
// Datadog stand-in), failed request, or Datadog payload or metric line the
// stand-in could not read.
func loadTest(ctx context.Context, o options, w io.Writer) error {
	fmt.Fprintf(w, "load test: %v at %d requests/s (1 in %d a POST), tracing on, then off\n", o.load.Duration, o.load.Rate, postEvery)
	on, err := loadOnce(ctx, o, false, w)
	if err != nil {
		return err
	}
	off, err := loadOnce(ctx, o, true, w)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "\nload: go -C examples run ./catalog/local -load %v -rate %d\n\n", o.load.Duration, o.load.Rate)
	loadgen.WriteTable(w, on, off)
	var problems []string
	for _, m := range []struct {
		label string
		m     loadgen.Measure
	}{{"tracing on", on}, {"tracing off", off}} {
		for _, p := range m.m.Problems() {
			problems = append(problems, m.label+": "+p)
		}
		if m.m.Result.Failed > 0 {
			problems = append(problems, fmt.Sprintf("%s: %d request(s) failed, the first: %v", m.label, m.m.Result.Failed, m.m.Result.FirstError))
		}
	}
	if len(problems) > 0 {
		return errors.New("the load test failed:\n  - " + strings.Join(problems, "\n  - "))
	}
	fmt.Fprintln(w, "\nOK: no invalid document, no unexplained loss (X-Ray or Datadog), no failed request, no rejected Datadog payload")
	return nil
}

func loadOnce(ctx context.Context, o options, untraced bool, w io.Writer) (loadgen.Measure, error) {
	s, err := startStack(stackConfig{process: o.process, output: o.functionOutput, untraced: untraced, deliveryErrors: o.functionOutput})
	if err != nil {
		return loadgen.Measure{}, err
	}
	defer s.close()
	client := newClient()
	seed, err := send(ctx, client, http.MethodPost, s.api.URL(), "/products", products[0], http.StatusCreated)
	if err != nil {
		return loadgen.Measure{}, err
	}
	var posts atomic.Int64
	posts.Add(1)
	sampler := loadgen.Sample(s.xray)
	res, err := loadgen.Run(ctx, loadgen.Config{Duration: o.load.Duration, Rate: o.load.Rate, Target: s.api.URL(),
		Do: func(ctx context.Context, i int) error {
			if i%postEvery == 0 {
				p := products[i%len(products)]
				_, err := send(ctx, client, http.MethodPost, s.api.URL(), "/products", p, http.StatusCreated)
				if err == nil {
					posts.Add(1)
				}
				return err
			}
			_, err := send(ctx, client, http.MethodGet, s.api.URL(), "/products/"+seed.productID, nil, http.StatusOK)
			return err
		}})
	if err != nil {
		sampler.Stop()
		return loadgen.Measure{}, err
	}
	label := map[bool]string{false: "tracing on", true: "tracing off"}[untraced]
	fmt.Fprintf(w, "%s: %d requests in %v; waiting for the asynchronous work and the documents\n", label, res.Requests, res.Elapsed.Round(1e6))
	wctx, cancel := context.WithTimeoutCause(ctx, o.timeout, fmt.Errorf("-timeout %v ran out", o.timeout))
	defer cancel()
	waitErr := waitFor(wctx, s, int(posts.Load()), nil, func() bool { return true })
	loadgen.Settle(wctx, s.relay, s.xray)
	heap, mem := sampler.Stop()
	m := loadgen.Measure{Result: res, Due: o.load.Due(), Segments: s.lambda.Segments(),
		Relay: s.relay.Stats(), XRay: s.xray.Stats(), PeakHeap: heap, PeakMemory: mem}
	s.functionSpans(&m)
	{
		counts, _ := s.eventCounts()
		if want := float64(2 * posts.Load()); counts[catalog.PriceCalculated] != float64(posts.Load()) {
			return m, fmt.Errorf("%s: %v PriceCalculated counted, want %d (of %v events)", label, counts[catalog.PriceCalculated], posts.Load(), want)
		}
	}
	return m, waitErr
}
