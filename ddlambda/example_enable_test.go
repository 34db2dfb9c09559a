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

// The inferred spans (the API, queue or topic that invoked the function)
// are made even where the Datadog Lambda Extension is installed, which
// otherwise makes its own. Enable leaves an event's trace context as a link
// unless lambdatrace.WithEventParent is added.
func ExampleWithInferredSpans() {
	handler := func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil }
	h := lambdatrace.Wrap(handler, ddlambda.Enable(ddlambda.WithInferredSpans()), lambdatrace.WithEventParent())
	_ = h // lambda.Start(h)
}

// The metrics Enable sends go to another DogStatsD address, with a tag of
// their own on every one.
func ExampleWithMetricsOptions() {
	handler := func(ctx context.Context, e map[string]any) (string, error) {
		ddlambda.Count(ctx, "orders.placed", 1)
		return "ok", nil
	}
	h := lambdatrace.Wrap(handler, ddlambda.Enable(ddlambda.WithMetricsOptions(
		ddlambda.WithDogStatsDAddress("127.0.0.1:8125"), ddlambda.WithMetricTags("team:orders"))))
	_ = h // lambda.Start(h)
}
