package lambdatrace

import (
	"context"
	"os"

	lambdadetector "go.opentelemetry.io/contrib/detectors/aws/lambda"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
)

// Resource describes the function for the default setup: the attributes of
// contrib's Lambda detector, corrected (cloud.platform=aws_lambda, memory in
// bytes, service.name = the function name unless OTEL_SERVICE_NAME,
// OTEL_RESOURCE_ATTRIBUTES or AWS_XRAY_TRACING_NAME, in this order, says
// otherwise), merged with resource.Default(). Outside Lambda it returns
// resource.Default() and no error. It never fails on a schema URL conflict:
// the detector's attributes are taken without its schema URL.
func Resource(ctx context.Context) *resource.Resource {
	// Not resource.Default(): it is computed once per process, before a
	// test or a caller can change OTEL_SERVICE_NAME.
	base, err := resource.New(ctx, resource.WithTelemetrySDK(), resource.WithFromEnv())
	if base == nil {
		base = resource.Empty()
	}
	if withDefault, err := resource.Merge(resource.Default(), base); err == nil {
		base = withDefault // the default service.name, unless the environment set one
	}
	_ = err // a partly detected environment is still useful (resource.Default reported it)
	if name := os.Getenv(envTracingName); name != "" && !hasServiceName(base) {
		// The X-Ray SDK's name for the service, below OTEL_SERVICE_NAME.
		if named, err := resource.Merge(base, resource.NewSchemaless(attribute.String("service.name", name))); err == nil {
			base = named
		}
	}
	detected, err := lambdadetector.NewResourceDetector().Detect(ctx)
	if err != nil || detected == nil || detected.Len() == 0 {
		return base
	}
	attrs := []attribute.KeyValue{attribute.String("cloud.platform", "aws_lambda")}
	for _, kv := range detected.Attributes() {
		if kv.Key == "faas.max_memory" && kv.Value.Type() == attribute.INT64 {
			// The detector reports megabytes; the convention is bytes.
			kv = attribute.Int64("faas.max_memory", kv.Value.AsInt64()<<20)
		}
		attrs = append(attrs, kv)
	}
	if name, ok := detected.Set().Value("faas.name"); ok && !hasServiceName(base) && name.AsString() != "" {
		attrs = append(attrs, attribute.String("service.name", name.AsString()))
	}
	merged, err := resource.Merge(base, resource.NewSchemaless(attrs...))
	if err != nil {
		return base
	}
	return merged
}

// hasServiceName reports whether r's service.name was chosen by the user
// (OTEL_SERVICE_NAME or OTEL_RESOURCE_ATTRIBUTES) rather than defaulted.
func hasServiceName(r *resource.Resource) bool {
	v, ok := r.Set().Value("service.name")
	if !ok {
		return false
	}
	s := v.AsString()
	return s != "" && !(len(s) >= len("unknown_service") && s[:len("unknown_service")] == "unknown_service")
}
