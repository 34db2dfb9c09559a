package ddlambda

import (
	"strings"
	"testing"
)

func TestSettingsFromEnvironment(t *testing.T) {
	for _, tc := range []struct {
		name  string
		env   map[string]string
		opts  []Option
		check func(*settings) bool
		errs  int
	}{
		{"defaults", nil, nil, func(s *settings) bool {
			return s.tracing && !s.mergeXRay && s.rateLimit == 100 && len(s.rules) == 0 && s.styles == nil
		}, 0},
		{"off", map[string]string{"DD_TRACE_ENABLED": "false"}, nil, func(s *settings) bool { return !s.tracing }, 0},
		{"off by option", nil, []Option{WithoutTracing()}, func(s *settings) bool { return !s.tracing }, 0},
		{"merge", map[string]string{"DD_MERGE_XRAY_TRACES": "TRUE"}, nil, func(s *settings) bool { return s.mergeXRay }, 0},
		{"merge option wins", map[string]string{"DD_MERGE_XRAY_TRACES": "nope"}, []Option{WithXRayMerge()}, func(s *settings) bool { return s.mergeXRay }, 0},
		{"bad booleans", map[string]string{"DD_TRACE_ENABLED": "yes", "DD_MERGE_XRAY_TRACES": "1"}, nil,
			func(s *settings) bool { return s.tracing && !s.mergeXRay }, 2},
		{"rate and rules", map[string]string{"DD_TRACE_SAMPLE_RATE": "0.5",
			"DD_TRACE_SAMPLING_RULES": `[{"service":"orders","sample_rate":1},{"tags":{"a":"b"},"sample_rate":1},{"name":"x"}]`}, nil,
			func(s *settings) bool {
				return len(s.rules) == 2 && s.rules[0].service == "orders" && s.rules[1].rate == 0.5
			}, 2},
		{"rate option wins", map[string]string{"DD_TRACE_SAMPLE_RATE": "0.5"}, []Option{WithSampleRate(0.1)}, func(s *settings) bool { return len(s.rules) == 1 && s.rules[0].rate == 0.1 }, 0},
		{"bad numbers", map[string]string{"DD_TRACE_SAMPLE_RATE": "2", "DD_TRACE_RATE_LIMIT": "-1", "DD_TRACE_SAMPLING_RULES": "{"}, nil,
			func(s *settings) bool { return len(s.rules) == 0 && s.rateLimit == 100 }, 3},
		{"service mapping", map[string]string{"DD_SERVICE_MAPPING": "lambda_sqs:queue, bad ,api1:web"}, nil,
			func(s *settings) bool {
				return s.serviceMapping["lambda_sqs"] == "queue" && s.serviceMapping["api1"] == "web"
			}, 1},
		{"styles", map[string]string{"DD_TRACE_PROPAGATION_STYLE": "Datadog,b3"}, nil,
			func(s *settings) bool { return len(s.styles) == 1 && s.styles[0] == "datadog" }, 1},
		{"log level", map[string]string{"DD_LOG_LEVEL": "DEBUG"}, nil, func(s *settings) bool { return s.debug }, 0},
		{"bad log level", map[string]string{"DD_LOG_LEVEL": "loud"}, nil, func(s *settings) bool { return !s.debug }, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := newSettings(append([]Option{func(s *settings) { s.getenv = func(k string) string { return tc.env[k] } }}, tc.opts...))
			errs := s.resolve()
			if len(errs) != tc.errs {
				t.Errorf("%d errors, want %d: %v", len(errs), tc.errs, errs)
			}
			for _, err := range errs {
				if !strings.HasPrefix(err.Error(), "ddlambda: ") {
					t.Errorf("error %q does not say where it comes from", err)
				}
			}
			if !tc.check(s) {
				t.Errorf("settings = %+v", s)
			}
		})
	}
}

// TestEnableEnhancedMetrics: Enable reads DD_ENHANCED_METRICS as Metrics
// does (one reading), and WithoutEnhancedMetrics wins.
func TestEnableEnhancedMetrics(t *testing.T) {
	for _, tc := range []struct {
		name      string
		value     string
		opts      []Option
		extension bool
		want      bool
		problems  int
	}{
		{"unset", "", nil, false, true, 0},
		{"true", "TRUE", nil, false, true, 0},
		{"false", "false", nil, false, false, 0},
		{"only true is on", "1", nil, false, false, 1},
		{"off by option", "true", []Option{WithoutEnhancedMetrics()}, false, false, 0},
		{"the extension sends its own", "true", nil, true, false, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			env := map[string]string{EnvEnhancedMetrics: tc.value, "AWS_LAMBDA_FUNCTION_NAME": "orders"}
			s := newSettings(append([]Option{func(s *settings) { s.getenv = func(k string) string { return env[k] } }}, tc.opts...))
			_ = s.resolve()
			c, problems := s.metricsConfig(tc.extension)
			if got := c.enhanced && !c.extension; got != tc.want || s.enhancedMetrics != tc.want || len(problems) != tc.problems {
				t.Errorf("enhanced %t (settings %t), problems %v; want %t, %d problems", got, s.enhancedMetrics, problems, tc.want, tc.problems)
			}
		})
	}
}

func FuzzSettings(f *testing.F) {
	f.Add("0.5", `[{"service":"a*","sample_rate":0.1}]`, "a:b", "datadog")
	f.Fuzz(func(t *testing.T, rate, rules, mapping, styles string) {
		env := map[string]string{"DD_TRACE_SAMPLE_RATE": rate, "DD_TRACE_SAMPLING_RULES": rules, "DD_SERVICE_MAPPING": mapping,
			"DD_TRACE_PROPAGATION_STYLE": styles, "DD_TRACE_RATE_LIMIT": rate}
		s := newSettings([]Option{func(s *settings) { s.getenv = func(k string) string { return env[k] } }})
		_ = s.resolve()
		for _, r := range s.rules {
			if !(r.rate >= 0 && r.rate <= 1) {
				t.Fatalf("rule rate %v", r.rate)
			}
		}
	})
}
