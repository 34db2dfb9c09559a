package ddlambda_test

import (
	"context"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/lambdatrace"
)

// X-Ray and Datadog in one line, configured from the DD_* variables:
// lambda.Start(lambdatrace.Wrap(handler, ddlambda.Enable())).
func ExampleEnable() {
	handler := func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil }
	h := lambdatrace.Wrap(handler, ddlambda.Enable())
	_ = h // lambda.Start(h)
}

// Options win over the variables.
func ExampleEnable_options() {
	handler := func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil }
	h := lambdatrace.Wrap(handler, ddlambda.Enable(
		ddlambda.WithService("orders"), ddlambda.WithEnv("prod"), ddlambda.WithVersion("1.2.3"),
		ddlambda.WithAgentURL("http://127.0.0.1:8126"),
		ddlambda.WithSampleRate(0.5), // DD_TRACE_SAMPLE_RATE
		ddlambda.WithXRayMerge(),     // DD_MERGE_XRAY_TRACES=true
		ddlambda.WithoutEnhancedMetrics(),
		ddlambda.WithoutColdStartSpan()))
	_ = h // lambda.Start(h)
}

// Datadog off (as DD_TRACE_ENABLED=false): X-Ray only.
func ExampleWithoutTracing() {
	handler := func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }
	_ = lambdatrace.Wrap(handler, ddlambda.Enable(ddlambda.WithoutTracing()))
}
