package main

import (
	"context"
	"fmt"
	"os"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/lambdatrace"
)

// counters are what a function's process counts for the load report: the
// Datadog exporter it gives ddlambda.Enable, and the spans only Datadog is
// sent (ddlambda's inferred and cold-start spans), which X-Ray's exporter
// leaves out.
type counters struct {
	dd          *datadog.Exporter
	datadogOnly atomic.Uint64
}

// traceOptions are catalog.TraceOptions, as the deployable mains have
// them, with the Datadog exporter made here (as ddlambda.Enable makes it:
// datadog.New from the DD_* variables) so that its counts can be written,
// and a counter of the spans only Datadog gets.
func traceOptions() ([]lambdatrace.Option, *counters, error) {
	c := &counters{}
	if os.Getenv(datadog.EnvAgentURL) == "" {
		return catalog.TraceOptions(), c, nil
	}
	exp, err := datadog.New()
	if err != nil {
		return nil, nil, fmt.Errorf("the Datadog exporter: %w", err)
	}
	c.dd = exp
	return []lambdatrace.Option{ddlambda.Enable(ddlambda.WithExporter(exp)), lambdatrace.WithSpanExporter(c)}, c, nil
}

// ExportSpans counts the spans only Datadog is sent.
func (c *counters) ExportSpans(_ context.Context, spans []sdktrace.ReadOnlySpan) error {
	for _, s := range spans {
		if s.InstrumentationScope().Name == ddtrace.OnlyScope {
			c.datadogOnly.Add(1)
		}
	}
	return nil
}

// Shutdown does nothing.
func (c *counters) Shutdown(context.Context) error { return nil }

// write writes the process's span counts to statsEnv's file, one line:
// exported, dropped (lambdatrace.QueueStats), Datadog-only, and the
// Datadog exporter's spans, sent, and dropped by reason.
func (c *counters) write() {
	path := os.Getenv(statsEnv)
	if path == "" {
		return
	}
	st := lambdatrace.QueueStats()
	var d datadog.Stats
	if c.dd != nil {
		d = c.dd.Stats()
	}
	_ = os.WriteFile(path, fmt.Appendf(nil, "%d %d %d %d %d %d %d %d %d %d\n", st.Exported, st.Dropped, c.datadogOnly.Load(),
		d.Spans, d.Sent, d.Dropped.Unsampled, d.Dropped.Replaced, d.Dropped.Unreachable, d.Dropped.Rejected, d.Dropped.Shutdown), 0o600)
}
