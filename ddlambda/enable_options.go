package ddlambda

import (
	"os"

	"github.com/otelxray/otelxray/exporter/datadog"
)

// Option configures [Enable]. Options win over the DD_* variables.
type Option func(*settings)

// settings is what Enable builds from its options and the DD_* variables.
type settings struct {
	getenv func(string) string

	// set by options; zero means "not set, the variable decides"
	service, env, version, agentURL string
	exporter                        *datadog.Exporter
	tracingOff                      bool
	merge                           *bool
	sampleRate                      *float64
	noEnhancedMetrics               bool
	noColdStartSpan                 bool
	extensionOpts                   []ExtensionOption
	metricsOpts                     []MetricsOption
	inferredSpans                   bool

	// resolved by resolve()
	tracing         bool
	mergeXRay       bool
	rules           []rule
	rateLimit       float64
	enhancedMetrics bool              // sent by the metrics hooks, for the debug line
	serviceMapping  map[string]string // DD_SERVICE_MAPPING, for the inferred spans
	styles          []string          // DD_TRACE_PROPAGATION_STYLE, nil: leave OTEL_PROPAGATORS
	debug           bool              // DD_LOG_LEVEL=debug or trace
}

func newSettings(opts []Option) *settings {
	s := &settings{getenv: os.Getenv}
	for _, o := range opts {
		if o != nil {
			o(s)
		}
	}
	return s
}

// WithService sets the Datadog service, overriding DD_SERVICE (default:
// the function name).
func WithService(name string) Option { return func(s *settings) { s.service = name } }

// WithEnv sets the env tag, overriding DD_ENV.
func WithEnv(env string) Option { return func(s *settings) { s.env = env } }

// WithVersion sets the version tag, overriding DD_VERSION.
func WithVersion(v string) Option { return func(s *settings) { s.version = v } }

// WithAgentURL sets where spans go (http://host:port), overriding
// DD_TRACE_AGENT_URL, DD_AGENT_HOST and DD_TRACE_AGENT_PORT (default the
// extension's or agent's 127.0.0.1:8126).
func WithAgentURL(u string) Option { return func(s *settings) { s.agentURL = u } }

// WithExporter uses exp instead of an exporter Enable builds; WithService,
// WithEnv, WithVersion and WithAgentURL then do nothing.
func WithExporter(exp *datadog.Exporter) Option { return func(s *settings) { s.exporter = exp } }

// WithoutTracing turns Datadog tracing off, as DD_TRACE_ENABLED=false
// does: the function is traced to X-Ray only, and Enable sends only the
// metrics.
func WithoutTracing() Option { return func(s *settings) { s.tracingOff = true } }

// WithXRayMerge gives Datadog's merge semantics, as
// DD_MERGE_XRAY_TRACES=true does: the X-Ray header's Sampled flag decides
// Datadog's priority (user keep or user reject) when the event carries no
// Datadog context, and the datadog-metadata subsegment ([XRayMerge]) is
// sent to X-Ray.
func WithXRayMerge() Option {
	return func(s *settings) { t := true; s.merge = &t }
}

// WithSampleRate keeps this share (0 to 1) of the traces that carry no
// Datadog decision, with Datadog's user priorities, limited by
// DD_TRACE_RATE_LIMIT; it overrides DD_TRACE_SAMPLE_RATE and
// DD_TRACE_SAMPLING_RULES.
func WithSampleRate(rate float64) Option { return func(s *settings) { s.sampleRate = &rate } }

// WithoutEnhancedMetrics turns off the aws.lambda.enhanced.* metrics, as
// DD_ENHANCED_METRICS=false does.
func WithoutEnhancedMetrics() Option { return func(s *settings) { s.noEnhancedMetrics = true } }

// WithoutColdStartSpan leaves out the aws.lambda.cold_start span Enable
// sends to Datadog on the first invocation (without the extension, which
// makes its own).
func WithoutColdStartSpan() Option { return func(s *settings) { s.noColdStartSpan = true } }

// WithExtensionOptions passes options to [Extension] (its address, the
// file that says it is installed, its timeout).
func WithExtensionOptions(opts ...ExtensionOption) Option {
	return func(s *settings) { s.extensionOpts = append(s.extensionOpts, opts...) }
}

// WithMetricsOptions passes options to the metrics Enable sends ([Metrics]:
// DogStatsD's address, tags on every metric).
func WithMetricsOptions(opts ...MetricsOption) Option {
	return func(s *settings) { s.metricsOpts = append(s.metricsOpts, opts...) }
}

// WithInferredSpans makes the spans Datadog infers for the service that
// invoked the function (API Gateway, SQS, SNS, EventBridge ...) even where
// the Datadog Lambda Extension is installed; by default Enable makes them
// only where it is not, since the extension makes its own.
func WithInferredSpans() Option { return func(s *settings) { s.inferredSpans = true } }
