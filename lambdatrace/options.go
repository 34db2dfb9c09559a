package lambdatrace

import (
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// Option configures Wrap.
type Option func(*config)

type config struct {
	tp          *sdktrace.TracerProvider
	exporterOps []xrayudp.Option
	extractors  []Extractor
	spanName    string
	noGlobals   bool
	hooks       []Hooks
	getenv      func(string) string
	eventParent bool           // WithEventParent
	mode        ProcessingMode // mode.go
	queueSize   int
	sampler     sdktrace.Sampler              // WithSampler
	exporters   []sdktrace.SpanExporter       // WithSpanExporter
	propagator  propagation.TextMapPropagator // WithPropagator
}

// WithTracerProvider makes the wrapper use tp (which must already export to
// X-Ray, for example through xrayudp). The wrapper calls tp.ForceFlush at the
// end of every invocation and does not touch the OpenTelemetry globals.
func WithTracerProvider(tp *sdktrace.TracerProvider) Option {
	return func(c *config) { c.tp = tp }
}

// WithExporterOptions passes options to the xrayudp exporter of the default
// setup, such as xrayudp.WithIndexedAttributes.
func WithExporterOptions(opts ...xrayudp.Option) Option {
	return func(c *config) { c.exporterOps = append(c.exporterOps, opts...) }
}

// WithExtractor adds an event extractor, tried before the built-in ones, for
// event types the wrapper does not know.
func WithExtractor(e Extractor) Option {
	return func(c *config) { c.extractors = append(c.extractors, e) }
}

// WithSpanName names the invocation span. The default is "METHOD /route"
// for HTTP events with a route, else the function name. (In X-Ray the
// invocation subsegment is named after the service, the function name.)
func WithSpanName(name string) Option {
	return func(c *config) { c.spanName = name }
}

// WithoutGlobals keeps the default setup out of the OpenTelemetry globals.
func WithoutGlobals() Option {
	return func(c *config) { c.noGlobals = true }
}

// Extractor reads what an invocation's event and response say about it.
// Request is called with the decoded event before the handler runs; it
// returns ok=false for events it does not know. Response, if not nil, is
// called with the handler's response.
type Extractor struct {
	Request  func(event any) (r Request, ok bool)
	Response func(response any) Response
}

// Request is what an event tells about the invocation.
type Request struct {
	// Trigger is the faas.trigger value: "http", "pubsub", "datasource",
	// "timer" or "other".
	Trigger string
	// Attributes are added to the invocation span.
	Attributes []attribute.KeyValue
	// Links are added to the invocation span (for example one per SQS
	// message, to the producer's trace).
	Links []trace.Link
	// Name, if set, replaces the span name (for example "GET /orders/{id}").
	Name string
	// Parent is the context the event carries (for a batch, the first
	// record's). By default it becomes a link; with [WithEventParent] it
	// is the parent when Lambda's own header is absent or unsampled.
	Parent trace.SpanContext
	// Carrier, if Parent is not valid, is read for a Parent in the W3C,
	// Datadog and X-Ray dialects; its W3C baggage goes into the handler's
	// context.
	Carrier propagation.TextMapCarrier

	parentFrom string // where the built-in extractors found Parent
}

// Response is what a handler's response tells about the invocation.
type Response struct {
	// StatusCode is the HTTP status returned to the client, 0 if none.
	StatusCode int
}
