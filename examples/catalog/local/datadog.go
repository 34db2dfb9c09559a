package main

import (
	"fmt"
	"os"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/lambdatrace"
)

// traceOptions are catalog.TraceOptions, as the deployable mains have
// them, with the Datadog exporter made here (as ddlambda.Enable makes it:
// datadog.New from the DD_* variables) so that its counts can be written,
// and a counter of the spans only Datadog gets.
func traceOptions() ([]lambdatrace.Option, *loadgen.Counts, error) {
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return catalog.TraceOptions(), loadgen.NewCounts(nil), nil
	}
	exp, err := datadog.New()
	if err != nil {
		return nil, nil, fmt.Errorf("the Datadog exporter: %w", err)
	}
	c := loadgen.NewCounts(exp)
	return []lambdatrace.Option{ddlambda.Enable(ddlambda.WithExporter(exp)), lambdatrace.WithSpanExporter(c)}, c, nil
}
