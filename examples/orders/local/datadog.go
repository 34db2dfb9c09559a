package main

import (
	"os"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/lambdatrace"
)

// traceOptions are the lambdatrace options of the function's process: when
// the demo gives it a Datadog agent (DD_TRACE_AGENT_URL), ddlambda.Enable,
// as a Datadog user deploys it: X-Ray and Datadog from one set of spans,
// every invocation recorded for Datadog whatever X-Ray sampled; else none
// (the default setup, X-Ray only).
func traceOptions() ([]lambdatrace.Option, error) {
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return nil, nil
	}
	return []lambdatrace.Option{ddlambda.Enable()}, nil
}
