package lambdatrace

import (
	"context"
	"errors"
	"fmt"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// fanout is the default setup's exporter when WithSpanExporter added some:
// each batch goes to every exporter, in order (X-Ray's first).
type fanout []sdktrace.SpanExporter

// exporterOf returns the one exporter of exps, or a fanout of them; nil for
// none.
func exporterOf(exps []sdktrace.SpanExporter) sdktrace.SpanExporter {
	switch len(exps) {
	case 0:
		return nil
	case 1:
		return exps[0]
	}
	return fanout(exps)
}

// ExportSpans exports spans with every exporter, even when one fails, and
// returns their errors joined.
func (f fanout) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	var errs []error
	for _, e := range f {
		if err := e.ExportSpans(ctx, spans); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// Shutdown shuts every exporter down.
func (f fanout) Shutdown(ctx context.Context) error {
	var errs []error
	for _, e := range f {
		if err := e.Shutdown(ctx); err != nil {
			errs = append(errs, err)
		}
	}
	return errors.Join(errs...)
}

// ignoredOptions reports the options that do nothing because the program
// brought its own provider.
func ignoredOptions(c *config) error {
	if c.sampler == nil && len(c.exporters) == 0 {
		return nil
	}
	return fmt.Errorf("lambdatrace: WithSampler and WithSpanExporter (used by ddlambda.Enable) are ignored: the program brought its own TracerProvider; give that provider the sampler and exporter itself")
}
