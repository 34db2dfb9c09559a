package awssdk

import (
	"os"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// Option configures the middlewares of [AppendMiddlewares].
type Option func(*config)

type config struct {
	tp        trace.TracerProvider
	prop      propagation.TextMapPropagator
	whitelist *Whitelist
	getenv    func(string) string
	datadog   bool
}

func newConfig(opts []Option) config {
	var c config
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.tp == nil {
		c.tp = otel.GetTracerProvider()
	}
	if c.prop == nil {
		c.prop = otel.GetTextMapPropagator()
	}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	return c
}

// WithTracerProvider sets the TracerProvider of the calls' spans. The default
// is the global one (otel.GetTracerProvider), including a provider set
// globally after AppendMiddlewares. A nil tp keeps the default.
func WithTracerProvider(tp trace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithPropagator sets the propagator that injects the call's trace context
// into the headers of each AWS request, in addition to X-Amzn-Trace-Id,
// which is always written (in X-Ray's format, the only one AWS services
// read). The default is the global one (otel.GetTextMapPropagator). A nil p
// keeps the default.
func WithPropagator(p propagation.TextMapPropagator) Option {
	return func(c *config) { c.prop = p }
}

// WithWhitelist replaces the X-Ray SDK's list of the request and response
// parameters to record (see [ParseWhitelist]). The resource names this
// package adds (table, queue, topic, function, bucket, key, stream, state
// machine, event bus, secret) are recorded whatever the list says. A nil w
// keeps the default.
func WithWhitelist(w *Whitelist) Option {
	return func(c *config) { c.whitelist = w }
}

// WithDatadogCarrier writes a _datadog carrier, in the format Datadog's
// tracers write and its Lambda extension reads, into SQS and SNS messages,
// EventBridge details, Step Functions inputs and JSON Kinesis records, next
// to the W3C and X-Ray context written anyway. Use it when the Datadog
// bridge (exporter/datadog, ddlambda) is in use: Datadog's extension reads
// only _datadog in messages.
func WithDatadogCarrier() Option {
	return func(c *config) { c.datadog = true }
}
