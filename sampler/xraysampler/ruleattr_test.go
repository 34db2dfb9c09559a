package xraysampler

import (
	"context"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"
	"github.com/otelxray/otelxray/metadata"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// ruleOf returns the SamplingRuleKey attribute of res, or "" without one.
func ruleOf(res sdktrace.SamplingResult) string {
	for _, kv := range res.Attributes {
		if kv.Key == metadata.SamplingRuleKey {
			return kv.Value.AsString()
		}
	}
	return ""
}

// TestRuleAttribute checks which decisions carry the rule's name: the
// sampler's own sampled ones, unless WithoutRuleAttribute.
func TestRuleAttribute(t *testing.T) {
	rules := []samplingrules.Rule{
		testRule("checkout", 1, func(r *samplingrules.Rule) { r.URLPath, r.FixedRate, r.ReservoirSize = "/checkout", 1, 0 }),
		testRule("never", 2, func(r *samplingrules.Rule) { r.URLPath, r.FixedRate, r.ReservoirSize = "/health", 0, 0 }),
		samplingrules.Default(),
	}
	remote := func(sampled bool) sdktrace.SamplingParameters {
		p := params(httpAttrs("GET", "h", "/checkout")...)
		cfg := trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{2}, Remote: true}
		if sampled {
			cfg.TraceFlags = trace.FlagsSampled
		}
		p.ParentContext = trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(cfg))
		return p
	}
	for _, tc := range []struct {
		name     string
		opts     []Option
		p        sdktrace.SamplingParameters
		decision sdktrace.SamplingDecision
		rule     string
	}{
		{"root sampled by a rule", nil, params(httpAttrs("GET", "h", "/checkout")...), sdktrace.RecordAndSample, "checkout"},
		{"root dropped", nil, params(httpAttrs("GET", "h", "/health")...), sdktrace.Drop, ""},
		{"root sampled by the default rule's reservoir", nil, params(httpAttrs("GET", "h", "/")...), sdktrace.RecordAndSample, samplingrules.DefaultName},
		{"the parent decided: sampled", nil, remote(true), sdktrace.RecordAndSample, ""},
		{"the parent decided: not sampled", nil, remote(false), sdktrace.Drop, ""},
		{"WithoutRuleAttribute", []Option{WithoutRuleAttribute()}, params(httpAttrs("GET", "h", "/checkout")...), sdktrace.RecordAndSample, ""},
		{"WithoutParentBased decides under a parent", []Option{WithoutParentBased()}, remote(false), sdktrace.RecordAndSample, "checkout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s, err := New(append(tc.opts, WithoutCentralized(), withRand(func() float64 { return 0.5 }))...)
			if err != nil {
				t.Fatal(err)
			}
			s.remote.Store(newManifest(rules, nil, newRuleState, time.Now()))
			res := s.ShouldSample(tc.p)
			if res.Decision != tc.decision || ruleOf(res) != tc.rule {
				t.Errorf("decision %v rule %q, want %v %q (attributes %v)", res.Decision, ruleOf(res), tc.decision, tc.rule, res.Attributes)
			}
		})
	}
}

// TestRuleAttributeOnSpan checks that the SDK records the attribute on the
// span it starts.
func TestRuleAttributeOnSpan(t *testing.T) {
	s, err := New(WithoutCentralized())
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(s))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	ctx, root := tp.Tracer("t").Start(context.Background(), "root")
	_, child := tp.Tracer("t").Start(ctx, "child")
	got := func(sp trace.Span) attribute.Value {
		for _, kv := range sp.(sdktrace.ReadOnlySpan).Attributes() {
			if kv.Key == metadata.SamplingRuleKey {
				return kv.Value
			}
		}
		return attribute.Value{}
	}
	if v := got(root); v.AsString() != samplingrules.DefaultName {
		t.Errorf("root: %s = %q, want %q", metadata.SamplingRuleKey, v.AsString(), samplingrules.DefaultName)
	}
	if v := got(child); v.Type() != attribute.EMPTY {
		t.Errorf("child (its parent decided): %s = %v, want none", metadata.SamplingRuleKey, v.String())
	}
}
