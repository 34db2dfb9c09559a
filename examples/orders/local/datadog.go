package main

import (
	"fmt"
	"os"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/lambdatrace"
)

// traceOptions are the lambdatrace options of the function's process: when
// the demo gives it a Datadog agent (DD_TRACE_AGENT_URL), ddlambda.Enable,
// as a Datadog user deploys it (X-Ray and Datadog from one set of spans,
// every invocation recorded for Datadog whatever X-Ray sampled), with the
// Datadog exporter made here as Enable makes it (datadog.New from the DD_*
// variables) so that the load test can count its spans; else none (the
// default setup, X-Ray only).
func traceOptions() ([]lambdatrace.Option, *loadgen.Counts, error) {
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return nil, loadgen.NewCounts(nil), nil
	}
	exp, err := datadog.New()
	if err != nil {
		return nil, nil, fmt.Errorf("the Datadog exporter: %w", err)
	}
	c := loadgen.NewCounts(exp)
	return []lambdatrace.Option{ddlambda.Enable(ddlambda.WithExporter(exp)), lambdatrace.WithSpanExporter(c)}, c, nil
}
