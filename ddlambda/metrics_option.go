package ddlambda

import (
	"fmt"
	"os"
	"strings"

	"go.opentelemetry.io/otel"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/lambdatrace"
)

// MetricsOption configures Metrics.
type MetricsOption func(*metricsOptions)

type metricsOptions struct {
	addr          string
	tags          []string
	extensionPath string
}

// Metrics returns a lambdatrace option that sends metrics over DogStatsD
// (UDP) with every invocation: the ones the handler adds with
// [Distribution], [Gauge] and [Count], and the enhanced metrics
// aws.lambda.enhanced.invocations, .errors and .timeouts, tagged as
// Datadog tags them (functionname, region, account_id, memorysize,
// cold_start, resource, executedversion, runtime). They are packed into as
// few datagrams as fit and written when the invocation ends, before the
// handler returns; a port where nothing listens costs nothing and is no
// error.
//
// The address is DD_DOGSTATSD_URL (udp://host:port), else DD_AGENT_HOST
// and DD_DOGSTATSD_PORT, else 127.0.0.1:8125, where the Datadog Lambda
// Extension listens. DD_ENHANCED_METRICS=false turns the enhanced metrics
// off, and outside Lambda (no AWS_LAMBDA_FUNCTION_NAME) there are none; where the extension is installed they are never sent, since it
// emits its own. Without the extension, every metric gets the tags of
// DD_TAGS, DD_ENV, DD_SERVICE and DD_VERSION (the extension adds them
// itself). Options win over variables. A problem with either is reported
// through otel.Handle; a socket that cannot be opened leaves metrics off.
func Metrics(opts ...MetricsOption) lambdatrace.Option {
	c, problems := newMetricsOptions(opts, DefaultExtensionPath).config(os.Getenv)
	for _, err := range problems {
		otel.Handle(fmt.Errorf("ddlambda: metrics: %w", err))
	}
	return metricsOption(c)
}

// newMetricsOptions applies opts over the default extension path.
func newMetricsOptions(opts []MetricsOption, extensionPath string) metricsOptions {
	o := metricsOptions{extensionPath: extensionPath}
	for _, f := range opts {
		if f != nil {
			f(&o)
		}
	}
	return o
}

// config is the metrics configuration from the variables and o; options
// win.
func (o metricsOptions) config(getenv func(string) string) (metricsConfig, []error) {
	c, problems := metricsConfigFromEnv(getenv, o.extensionPath)
	if o.addr != "" {
		addr, err := optionAddr(o.addr)
		if err != nil {
			problems = append(problems, err)
		} else {
			c.addr = addr
		}
	}
	c.tags = append(c.tags, o.tags...)
	return c, problems
}

// metricsOption is the lambdatrace option of c's hooks; a socket that
// cannot be opened is reported and leaves metrics off.
func metricsOption(c metricsConfig) lambdatrace.Option {
	h, err := metricsHooks(c)
	if err != nil {
		otel.Handle(fmt.Errorf("ddlambda: metrics are off: %w", err))
	}
	return lambdatrace.WithHooks(h)
}

// optionAddr reads WithDogStatsDAddress's value: host:port or a URL.
func optionAddr(s string) (string, error) {
	if strings.Contains(s, "://") {
		return dogstatsd.ParseURL(s)
	}
	return s, nil
}

// WithDogStatsDAddress sends the metrics to addr, host:port or
// udp://host:port, instead of the address the environment gives.
func WithDogStatsDAddress(addr string) MetricsOption {
	return func(o *metricsOptions) { o.addr = addr }
}

// WithMetricTags adds tags ("key:value" or "key") to every metric.
func WithMetricTags(tags ...string) MetricsOption {
	return func(o *metricsOptions) { o.tags = append(o.tags, tags...) }
}

// WithMetricsExtensionPath sets the file whose presence says the Datadog
// extension is installed (default [DefaultExtensionPath]).
func WithMetricsExtensionPath(p string) MetricsOption {
	return func(o *metricsOptions) { o.extensionPath = p }
}
