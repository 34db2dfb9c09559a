package ddlambda

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/envflag"
)

// The variables Enable reads (docs/datadog.md has the table); the exporter
// reads DD_SERVICE, DD_ENV, DD_VERSION, DD_TAGS and the agent's address,
// the metrics DD_ENHANCED_METRICS (metrics_env.go) and DogStatsD's address.
const (
	envTraceEnabled     = "DD_TRACE_ENABLED"
	envMerge            = "DD_MERGE_XRAY_TRACES"
	envSampleRate       = "DD_TRACE_SAMPLE_RATE"
	envSamplingRules    = "DD_TRACE_SAMPLING_RULES"
	envRateLimit        = "DD_TRACE_RATE_LIMIT"
	envServiceMapping   = "DD_SERVICE_MAPPING"
	envPropagationStyle = "DD_TRACE_PROPAGATION_STYLE"
	envLogLevel         = "DD_LOG_LEVEL"
)

// defaultRateLimit is DD_TRACE_RATE_LIMIT's default, in traces per second.
const defaultRateLimit = 100

// resolve reads the variables the options did not settle. Every bad value
// becomes one error (reported once by Enable) and its default.
func (s *settings) resolve() []error {
	var errs []error
	bad := func(err error) {
		if err != nil {
			errs = append(errs, fmt.Errorf("ddlambda: %w", err))
		}
	}
	on, err := envflag.Bool(s.getenv, envTraceEnabled, true)
	bad(err)
	s.tracing = on && !s.tracingOff
	if s.merge != nil {
		s.mergeXRay = *s.merge
	} else {
		s.mergeXRay, err = envflag.Bool(s.getenv, envMerge, false)
		bad(err)
	}
	s.rateLimit = defaultRateLimit
	if v := strings.TrimSpace(s.getenv(envRateLimit)); v != "" {
		if f, err := strconv.ParseFloat(v, 64); err != nil || f <= 0 || math.IsInf(f, 0) || math.IsNaN(f) {
			bad(fmt.Errorf("%s=%q is not a positive number of traces per second; using %d", envRateLimit, v, defaultRateLimit))
		} else {
			s.rateLimit = f
		}
	}
	if s.sampleRate != nil {
		if r := *s.sampleRate; r >= 0 && r <= 1 {
			s.rules = []rule{{rate: r}}
		} else {
			bad(fmt.Errorf("WithSampleRate(%v) is not from 0 to 1; no sample rate is applied", r))
		}
	} else {
		rules, rerrs := parseRules(s.getenv(envSamplingRules))
		errs = append(errs, rerrs...)
		s.rules = rules
		if v := strings.TrimSpace(s.getenv(envSampleRate)); v != "" {
			if f, err := strconv.ParseFloat(v, 64); err != nil || !(f >= 0 && f <= 1) {
				bad(fmt.Errorf("%s=%q is not a number from 0 to 1; no sample rate is applied", envSampleRate, v))
			} else {
				s.rules = append(s.rules, rule{rate: f}) // after the rules, as Datadog's tracer applies it
			}
		}
	}
	if v := s.getenv(envServiceMapping); v != "" {
		s.serviceMapping = parseServiceMapping(v)
		if n := len(strings.FieldsFunc(v, func(r rune) bool { return r == ',' })); n > len(s.serviceMapping) {
			bad(fmt.Errorf("%s: %d of %d entries are not key:value (or repeat a key) and are skipped", envServiceMapping, n-len(s.serviceMapping), n))
		}
	}
	s.styles, err = parseStyles(s.getenv(envPropagationStyle))
	bad(err)
	switch lvl := strings.ToLower(strings.TrimSpace(s.getenv(envLogLevel))); lvl {
	case "debug", "trace":
		s.debug = true
	case "", "info", "warn", "warning", "error", "critical", "off":
	default:
		bad(fmt.Errorf("%s=%q is not a level (trace, debug, info, warn, error, critical, off); using info", envLogLevel, lvl))
	}
	return errs
}

// parseStyles reads DD_TRACE_PROPAGATION_STYLE: datadog, tracecontext,
// baggage, b3 (not supported here: said and skipped), none.
func parseStyles(v string) ([]string, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	var out, unknown []string
	for e := range strings.SplitSeq(v, ",") {
		switch e = strings.ToLower(strings.TrimSpace(e)); e {
		case "":
		case "datadog", "tracecontext", "baggage", "none":
			out = append(out, e)
		default:
			unknown = append(unknown, e)
		}
	}
	if len(unknown) > 0 {
		return out, fmt.Errorf("%s: styles %q are not supported (datadog, tracecontext, baggage, none); they are skipped", envPropagationStyle, unknown)
	}
	return out, nil
}
