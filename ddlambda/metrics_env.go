package ddlambda

import (
	"fmt"
	"os"
	"strings"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/internal/envflag"
)

// The variables the metrics read, besides DogStatsD's address
// (DD_DOGSTATSD_URL, or DD_AGENT_HOST and DD_DOGSTATSD_PORT).
const (
	// EnvEnhancedMetrics turns the enhanced metrics off: unset means on;
	// set, only "true" (any case) turns them on, as with Datadog's library.
	// Metrics and Enable both read it here.
	EnvEnhancedMetrics = "DD_ENHANCED_METRICS"
	envTags            = "DD_TAGS"
	envEnv             = "DD_ENV"
	envService         = "DD_SERVICE"
	envVersionTag      = "DD_VERSION"
)

// metricsConfigFromEnv reads the metrics' configuration from the
// environment: DogStatsD's address, DD_ENHANCED_METRICS (default true
// in Lambda, where AWS_LAMBDA_FUNCTION_NAME is set; off elsewhere),
// whether the extension is installed (extensionPath exists), and, when it
// is not (it adds them itself), the tags of DD_TAGS, DD_ENV, DD_SERVICE
// and DD_VERSION. Unusable values are reported and replaced by defaults.
func metricsConfigFromEnv(getenv func(string) string, extensionPath string) (metricsConfig, []error) {
	var problems []error
	c := metricsConfig{function: functionFromEnv(getenv, os.ReadFile)}
	var err error
	if c.addr, err = dogstatsd.Address(getenv); err != nil {
		problems = append(problems, err)
	}
	if c.enhanced, err = enhancedFromEnv(getenv); err != nil {
		problems = append(problems, err)
	}
	if c.function.name == "" {
		// Not in Lambda (a local run or a test): there is no function to
		// count invocations of.
		c.enhanced = false
	}
	_, statErr := os.Stat(extensionPath)
	c.extension = statErr == nil
	if !c.extension {
		c.tags = envTagList(getenv)
	}
	c.tags = append(c.tags, layerTag())
	return c, problems
}

// enhancedFromEnv reads DD_ENHANCED_METRICS by Datadog's rule: unset is
// on; set, only "true" is on. A value that is neither true nor false is
// off and reported.
func enhancedFromEnv(getenv func(string) string) (bool, error) {
	v := strings.TrimSpace(getenv(EnvEnhancedMetrics))
	switch {
	case v == "":
		return true, nil
	case strings.EqualFold(v, "true"):
		return true, nil
	case strings.EqualFold(v, "false"):
		return false, nil
	}
	return false, fmt.Errorf("%s=%q is not true or false; enhanced metrics are off (only true turns them on)", EnvEnhancedMetrics, v)
}

// envTagList is DD_TAGS (separated by commas or white space, as Datadog's
// agent reads it, and as the exporter reads it for spans), then env, service and version from DD_ENV, DD_SERVICE
// and DD_VERSION.
func envTagList(getenv func(string) string) []string {
	tags := envflag.Tags(getenv, envTags)
	for _, kv := range [][2]string{{"env", envEnv}, {"service", envService}, {"version", envVersionTag}} {
		if v := strings.TrimSpace(getenv(kv[1])); v != "" {
			tags = append(tags, kv[0]+":"+v)
		}
	}
	return tags
}

// setTag makes key:value the one tag of key on every metric, for an option
// that wins over DD_SERVICE, DD_ENV or DD_VERSION (the extension adds
// those variables' tags, not an option's). An empty value changes nothing.
func (c *metricsConfig) setTag(key, value string) {
	if value == "" {
		return
	}
	tags := c.tags[:0:0]
	for _, t := range c.tags {
		if k, _, _ := strings.Cut(t, ":"); k != key {
			tags = append(tags, t)
		}
	}
	c.tags = append(tags, key+":"+value)
}
