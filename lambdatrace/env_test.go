package lambdatrace

import (
	"slices"
	"strings"
	"testing"
)

func TestReadEnv(t *testing.T) {
	for _, tc := range []struct {
		name     string
		env      map[string]string
		inLambda bool
		off      string
		fields   []string // of the propagator; nil for the default
		said     []string // substrings, one per error, in order
	}{
		{name: "nothing set"},
		{name: "OTEL_SDK_DISABLED", env: map[string]string{"OTEL_SDK_DISABLED": "TRUE"}, off: "OTEL_SDK_DISABLED"},
		{name: "AWS_XRAY_SDK_DISABLED", env: map[string]string{"AWS_XRAY_SDK_DISABLED": "true"}, off: "AWS_XRAY_SDK_DISABLED"},
		{name: "both false", env: map[string]string{"OTEL_SDK_DISABLED": "false", "AWS_XRAY_SDK_DISABLED": "FALSE"}},
		{name: "malformed disabled stays on", env: map[string]string{"OTEL_SDK_DISABLED": "1"},
			said: []string{`lambdatrace: OTEL_SDK_DISABLED="1" is not true or false; using the default, false (tracing stays on)`}},
		{name: "propagators", env: map[string]string{"OTEL_PROPAGATORS": "tracecontext, baggage"},
			fields: []string{"baggage", "traceparent", "tracestate"}},
		{name: "xray by name", env: map[string]string{"OTEL_PROPAGATORS": "XRay"}, fields: []string{"X-Amzn-Trace-Id"}},
		{name: "none", env: map[string]string{"OTEL_PROPAGATORS": "none"}, fields: []string{}},
		{name: "datadog with others", env: map[string]string{"OTEL_PROPAGATORS": "datadog,xray,tracecontext"},
			fields: []string{"X-Amzn-Trace-Id", "traceparent", "tracestate", "x-datadog-origin", "x-datadog-parent-id", "x-datadog-sampling-priority", "x-datadog-tags", "x-datadog-trace-id"}},
		{name: "unknown skipped", env: map[string]string{"OTEL_PROPAGATORS": "b3,xray"}, fields: []string{"X-Amzn-Trace-Id"},
			said: []string{`OTEL_PROPAGATORS: "b3" is not a propagator this library knows`}},
		{name: "nothing usable: default", env: map[string]string{"OTEL_PROPAGATORS": "b3"},
			said: []string{`"b3" is not a propagator`, `OTEL_PROPAGATORS="b3" names no usable propagator; using the default, xray`}},
		{name: "none mixed", env: map[string]string{"OTEL_PROPAGATORS": "none,baggage"}, fields: []string{"baggage"},
			said: []string{`mixes none with propagators; none is ignored`}},
		{name: "duplicates once", env: map[string]string{"OTEL_PROPAGATORS": "baggage,Baggage"}, fields: []string{"baggage"}},
		{name: "sampler outside Lambda is the SDK's", env: map[string]string{"OTEL_TRACES_SAMPLER": "always_off"}},
		{name: "sampler in Lambda ignored", inLambda: true,
			env:  map[string]string{"OTEL_TRACES_SAMPLER": "traceidratio", "OTEL_TRACES_SAMPLER_ARG": "0.1"},
			said: []string{`OTEL_TRACES_SAMPLER="traceidratio" is ignored in Lambda`, `OTEL_TRACES_SAMPLER_ARG="0.1" is ignored in Lambda`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, errs := readEnv(func(k string) string { return tc.env[k] }, tc.inLambda)
			if s.off != tc.off {
				t.Errorf("off = %q, want %q", s.off, tc.off)
			}
			switch {
			case tc.fields == nil && s.propagator != nil:
				t.Errorf("propagator %T, want the default (nil)", s.propagator)
			case tc.fields != nil && s.propagator == nil:
				t.Errorf("no propagator, want fields %q", tc.fields)
			case tc.fields != nil:
				got := s.propagator.Fields()
				slices.Sort(got)
				if !slices.Equal(got, tc.fields) && !(len(got) == 0 && len(tc.fields) == 0) {
					t.Errorf("propagator fields %q, want %q", got, tc.fields)
				}
			}
			if len(errs) != len(tc.said) {
				t.Fatalf("said %d errors %q, want %d", len(errs), errs, len(tc.said))
			}
			for i, err := range errs {
				if !strings.Contains(err.Error(), tc.said[i]) {
					t.Errorf("error %d = %q, want it to contain %q", i, err, tc.said[i])
				}
			}
		})
	}
}

func FuzzParsePropagators(f *testing.F) {
	for _, s := range []string{"", "none", "xray,tracecontext,baggage", "datadog", " , ,b3", "NONE,xray", "\xff"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, v string) {
		p, errs := parsePropagators(v)
		for _, err := range errs {
			if err == nil || !strings.HasPrefix(err.Error(), "lambdatrace: OTEL_PROPAGATORS") {
				t.Fatalf("parsePropagators(%q): error %v", v, err)
			}
		}
		if p != nil {
			_ = p.Fields() // usable
		}
	})
}
