package ddlambda

import (
	"fmt"
	"net/http"
	"os"
	"strings"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/internal/xrayprop"
	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/propagation/ddprop"
)

// Enable returns the lambdatrace option that traces a function to Datadog
// as well as X-Ray, configured the Datadog way (DD_* variables; options
// win):
//
//	lambda.Start(lambdatrace.Wrap(handler, ddlambda.Enable()))
//
// It gives the default setup:
//   - the Datadog exporter ([datadog.New]: DD_TRACE_AGENT_URL or
//     DD_AGENT_HOST, DD_SERVICE, DD_ENV, DD_VERSION, DD_TAGS), flushed with
//     the X-Ray exporter at the end of every invocation;
//   - a sampler that records every invocation, whether Lambda's header
//     says Sampled=1, Sampled=0 or nothing: X-Ray still gets only what it
//     sampled (the X-Ray header sent downstream keeps Sampled=0), and
//     Datadog gets a priority decided as its tracer decides it (an
//     incoming Datadog context, then DD_TRACE_SAMPLING_RULES and
//     DD_TRACE_SAMPLE_RATE limited by DD_TRACE_RATE_LIMIT, else keep);
//   - the extension's lifecycle ([Extension]) when the Datadog Lambda
//     Extension is installed, else an aws.lambda.cold_start span on the
//     first invocation;
//   - where the extension is not installed (or with [WithInferredSpans]),
//     the spans Datadog infers for the service that invoked the function
//     (API Gateway, Function URL, SQS, SNS, EventBridge, Kinesis, DynamoDB
//     Streams, S3), named as DD_SERVICE_MAPPING says; X-Ray never gets them;
//   - metrics over DogStatsD ([Metrics]): the handler's own ([Distribution],
//     [Gauge], [Count]) and, unless DD_ENHANCED_METRICS=false or the
//     extension sends its own, aws.lambda.enhanced.invocations, .errors and
//     .timeouts; they are sent even with tracing off;
//   - with DD_MERGE_XRAY_TRACES=true, Datadog's merge semantics and
//     [XRayMerge];
//   - outbound context in the DD_TRACE_PROPAGATION_STYLE styles (default
//     datadog,tracecontext,baggage, unless OTEL_PROPAGATORS is set) besides
//     X-Ray's header.
//
// The context an event carries (HTTP headers, message attributes,
// _datadog) becomes a span link, as without Enable, so that a consumer
// looks the same in Datadog whether X-Ray sampled or not; add
// [lambdatrace.WithEventParent] to make it the parent where Lambda's header
// is unsampled.
//
// With DD_TRACE_ENABLED=false (or [WithoutTracing]) it changes nothing but
// the metrics. Do not add [Metrics] as well: Enable includes it. A
// bad value is said once through otel.Handle and its default is used. With
// lambdatrace.WithTracerProvider the sampler and exporter cannot be added:
// lambdatrace says so, and that provider decides.
func Enable(opts ...Option) lambdatrace.Option {
	s := newSettings(opts)
	for _, err := range s.resolve() {
		otel.Handle(err)
	}
	extension := s.extensionPresent()
	// Metrics go whether or not traces do, as with Datadog's library.
	metrics := s.metrics(extension)
	if !s.tracing {
		return lambdatrace.Options(metrics)
	}
	exp := s.exporter
	if exp == nil {
		var err error
		exp, err = datadog.New(s.exporterOptions()...)
		if err != nil {
			otel.Handle(fmt.Errorf("ddlambda: tracing to Datadog is off: %w", err))
			return lambdatrace.Options(metrics)
		}
	}
	fn := lambdaenv.Name(s.getenv)
	service := s.service
	if service == "" {
		service = s.getenv(datadog.EnvService)
	}
	if service == "" {
		service = strings.ToLower(fn)
	}
	smp := &sampler{merge: s.mergeXRay, rules: s.rules, limit: newLimiter(s.rateLimit), service: service, resource: fn, getenv: s.getenv}
	out := []lambdatrace.Option{
		metrics,
		lambdatrace.WithSampler(smp),
		lambdatrace.WithSpanExporter(exp),
		Extension(exp, s.extensionOpts...),
	}
	if p := s.propagator(); p != nil {
		out = append(out, lambdatrace.WithPropagator(p))
	}
	if !extension && !s.noColdStartSpan {
		out = append(out, coldStart(processStart()))
	}
	if s.mergeXRay {
		out = append(out, XRayMerge())
	}
	if !extension || s.inferredSpans {
		// The extension makes the inferred spans itself.
		out = append(out, lambdatrace.WithHooks(inferredHooks(s.inferredConfig(service))))
	}
	if s.debug {
		fmt.Fprintf(os.Stderr, "ddlambda: Datadog tracing to %s, service %q, extension %t, sampler %s, merge %t, enhanced metrics %t\n",
			exp.URL(), service, extension, smp.Description(), s.mergeXRay, s.enhancedMetrics)
	}
	return lambdatrace.Options(out...)
}

// exporterOptions are the exporter's options from Enable's.
func (s *settings) exporterOptions() []datadog.Option {
	var o []datadog.Option
	if s.agentURL != "" {
		o = append(o, datadog.WithAgentURL(s.agentURL))
	}
	if s.service != "" {
		o = append(o, datadog.WithService(s.service))
	}
	if s.env != "" {
		o = append(o, datadog.WithEnv(s.env))
	}
	if s.version != "" {
		o = append(o, datadog.WithVersion(s.version))
	}
	return o
}

// extensionPath is where the Datadog Lambda Extension is looked for, per
// the extension options.
func (s *settings) extensionPath() string {
	x := &extension{path: DefaultExtensionPath, client: &http.Client{}}
	for _, o := range s.extensionOpts {
		if o != nil {
			o(x)
		}
	}
	return x.path
}

// extensionPresent reports whether the Datadog Lambda Extension is
// installed.
func (s *settings) extensionPresent() bool {
	_, err := os.Stat(s.extensionPath())
	return err == nil
}

// metrics is the metrics option of metricsConfig.
func (s *settings) metrics(extension bool) lambdatrace.Option {
	c, problems := s.metricsConfig(extension)
	for _, err := range problems {
		otel.Handle(fmt.Errorf("ddlambda: metrics: %w", err))
	}
	return metricsOption(c)
}

// metricsConfig is the metrics' configuration: DogStatsD's address and
// tags from the DD_* variables and WithMetricsOptions, enhanced metrics as
// DD_ENHANCED_METRICS and WithoutEnhancedMetrics say (never where the
// extension sends its own, nor outside Lambda), and service, env and
// version as the options say.
func (s *settings) metricsConfig(extension bool) (metricsConfig, []error) {
	c, problems := newMetricsOptions(s.metricsOpts, s.extensionPath()).config(s.getenv)
	c.extension = extension
	c.enhanced = c.enhanced && !s.noEnhancedMetrics
	s.enhancedMetrics = c.enhanced && !extension
	if !extension {
		c.setTag("service", s.service)
		c.setTag("env", s.env)
		c.setTag("version", s.version)
	}
	return c, problems
}

// inferredConfig is the inferred spans' configuration from the settings.
func (s *settings) inferredConfig(service string) inferredConfig {
	c := inferredConfigFromEnv(s.getenv)
	c.serviceMapping = s.serviceMapping
	c.force = s.inferredSpans
	c.extensionPath = s.extensionPath()
	c.service = service
	return c
}

// propagator is the one DD_TRACE_PROPAGATION_STYLE asks for, with X-Ray's;
// nil leaves lambdatrace's choice (OTEL_PROPAGATORS) when that is set and
// the styles are not.
func (s *settings) propagator() propagation.TextMapPropagator {
	styles := s.styles
	if styles == nil {
		if s.getenv("OTEL_PROPAGATORS") != "" {
			return nil
		}
		styles = []string{"datadog", "tracecontext", "baggage"} // Datadog's tracer's default
	}
	ps := []propagation.TextMapPropagator{xrayprop.Propagator{}}
	for _, st := range styles {
		switch st {
		case "datadog":
			ps = append(ps, ddprop.Propagator{})
		case "tracecontext":
			ps = append(ps, propagation.TraceContext{})
		case "baggage":
			ps = append(ps, propagation.Baggage{})
		}
	}
	return propagation.NewCompositeTextMapPropagator(ps...)
}
