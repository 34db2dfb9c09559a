package catalog

import (
	"os"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/lambdatrace"
)

// TraceOptions are the lambdatrace options of every catalog function: when
// the function has a Datadog agent (DD_TRACE_AGENT_URL), ddlambda.Enable,
// as a Datadog user deploys it (X-Ray and Datadog from one set of spans,
// every invocation recorded for Datadog whatever X-Ray sampled, metrics
// over DogStatsD); else none (the default setup, X-Ray only).
func TraceOptions() []lambdatrace.Option {
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return nil
	}
	return []lambdatrace.Option{ddlambda.Enable()}
}
