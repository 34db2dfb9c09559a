package lambdatrace

import (
	"fmt"
	"strings"

	"go.opentelemetry.io/otel/propagation"

	"github.com/otelxray/otelxray/internal/envflag"
	"github.com/otelxray/otelxray/propagation/ddprop"
)

// Variables the default setup reads itself (docs/configuration.md has them
// all, with those the OpenTelemetry SDK and the exporter read). Options win
// over them.
const (
	envSDKDisabled     = "OTEL_SDK_DISABLED"
	envXRaySDKDisabled = "AWS_XRAY_SDK_DISABLED"
	envPropagators     = "OTEL_PROPAGATORS"
	envSampler         = "OTEL_TRACES_SAMPLER"
	envSamplerArg      = "OTEL_TRACES_SAMPLER_ARG"
	envTracingName     = "AWS_XRAY_TRACING_NAME"
)

// envSettings is what the variables ask of the default setup.
type envSettings struct {
	// off names the variable that turned tracing off, "" if it is on.
	off string
	// propagator is the one OTEL_PROPAGATORS asks for, nil for the default.
	propagator propagation.TextMapPropagator
}

// readEnv reads the default setup's variables. Every malformed value
// becomes one error (for the caller to report) and its default.
func readEnv(getenv func(string) string, inLambda bool) (envSettings, []error) {
	var s envSettings
	var errs []error
	for _, name := range []string{envSDKDisabled, envXRaySDKDisabled} {
		off, err := envflag.Bool(getenv, name, false)
		if err != nil {
			errs = append(errs, fmt.Errorf("lambdatrace: %w (tracing stays on)", err))
		}
		if off && s.off == "" {
			s.off = name
		}
	}
	p, perrs := parsePropagators(getenv(envPropagators))
	s.propagator = p
	errs = append(errs, perrs...)
	if inLambda {
		for _, name := range []string{envSampler, envSamplerArg} {
			if v := getenv(name); v != "" {
				errs = append(errs, fmt.Errorf("lambdatrace: %s=%q is ignored in Lambda: the Sampled flag of the trace header Lambda passes decides", name, v))
			}
		}
	}
	return s, errs
}

// parsePropagators reads OTEL_PROPAGATORS: names separated by commas, in
// any case. It returns nil (the default, X-Ray) for an empty value, an empty
// composite for "none", and otherwise the propagators it knows, one error
// for each name it cannot use.
func parsePropagators(v string) (propagation.TextMapPropagator, []error) {
	var ps []propagation.TextMapPropagator
	var errs []error
	seen := map[string]bool{}
	none := false
	for _, name := range envflag.List(func(string) string { return v }, "") {
		name = strings.ToLower(name)
		if seen[name] {
			continue
		}
		seen[name] = true
		if name == "none" {
			none = true
			continue
		}
		p, err := propagatorByName(name)
		if err != nil {
			errs = append(errs, fmt.Errorf("lambdatrace: %s: %w", envPropagators, err))
			continue
		}
		ps = append(ps, p)
	}
	switch {
	case none && len(ps) > 0:
		errs = append(errs, fmt.Errorf("lambdatrace: %s=%q mixes none with propagators; none is ignored", envPropagators, v))
	case none:
		return propagation.NewCompositeTextMapPropagator(), errs
	case len(ps) == 0 && len(errs) > 0:
		errs = append(errs, fmt.Errorf("lambdatrace: %s=%q names no usable propagator; using the default, xray", envPropagators, v))
		return nil, errs
	case len(ps) == 0:
		return nil, errs
	}
	if len(ps) == 1 {
		return ps[0], errs
	}
	return propagation.NewCompositeTextMapPropagator(ps...), errs
}

// propagatorByName maps one OTEL_PROPAGATORS name (lower case, not "none")
// to its propagator.
func propagatorByName(name string) (propagation.TextMapPropagator, error) {
	switch name {
	case "xray":
		return xrayPropagator{}, nil
	case "tracecontext":
		return propagation.TraceContext{}, nil
	case "baggage":
		return propagation.Baggage{}, nil
	case "datadog":
		return ddprop.Propagator{}, nil
	}
	return nil, fmt.Errorf("%q is not a propagator this library knows (xray, tracecontext, baggage, datadog or none); it is skipped", name)
}
