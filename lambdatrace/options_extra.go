package lambdatrace

import (
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// Options combines several options into one, applied in order; nil
// options are skipped. Integrations that need several options return one
// this way (see ddlambda.Enable).
func Options(opts ...Option) Option {
	return func(c *config) {
		for _, o := range opts {
			if o != nil {
				o(c)
			}
		}
	}
}

// WithSampler replaces the default setup's sampler (in Lambda, the Sampled
// flag of Lambda's trace header decides). ddlambda uses it to record every
// invocation for Datadog while X-Ray still gets only what it sampled. It
// does nothing with [WithTracerProvider] or a provider the program set
// globally (that provider's sampler decides); the last one given wins.
func WithSampler(s sdktrace.Sampler) Option {
	return func(c *config) { c.sampler = s }
}

// WithSpanExporter adds an exporter to the default setup: it gets the same
// spans as the X-Ray exporter, in the same ExportSpans call of the flush at
// the end of every invocation, after X-Ray's (so a slow backend cannot
// hold X-Ray back). ddlambda uses it for the Datadog exporter. It does
// nothing with [WithTracerProvider] or a provider the program set
// globally: register the exporter with that provider instead.
func WithSpanExporter(e sdktrace.SpanExporter) Option {
	return func(c *config) {
		if e != nil {
			c.exporters = append(c.exporters, e)
		}
	}
}

// WithPropagator sets the propagator the default setup installs globally,
// instead of the one OTEL_PROPAGATORS names (X-Ray's by default). A
// propagator the program set itself with otel.SetTextMapPropagator still
// wins; WithoutGlobals installs none. ddlambda uses it for
// DD_TRACE_PROPAGATION_STYLE.
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.propagator = p }
}
