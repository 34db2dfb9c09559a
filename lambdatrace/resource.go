package lambdatrace

import (
	"context"
	"os"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
)

// Resource describes the function for the default setup: the attributes
// contrib's Lambda detector reads from Lambda's variables, corrected
// (cloud.platform=aws_lambda, memory in bytes, service.name = the function
// name unless OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES or
// AWS_XRAY_TRACING_NAME, in this order, says otherwise), merged with
// resource.Default(). Outside Lambda it returns resource.Default() and no
// error. It never fails on a schema URL conflict: the Lambda attributes
// carry no schema URL.
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
	attrs := lambdaAttributes(os.Getenv)
	if attrs == nil {
		return base
	}
	if !hasServiceName(base) {
		attrs = append(attrs, attribute.String("service.name", os.Getenv("AWS_LAMBDA_FUNCTION_NAME")))
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

// lambdaAttributes are the attributes of contrib's Lambda resource detector
// (go.opentelemetry.io/contrib/detectors/aws/lambda), read here so that a
// function does not link the detector and its semantic conventions
// version: nil outside Lambda. faas.max_memory is in bytes, not the
// detector's megabytes.
func lambdaAttributes(getenv func(string) string) []attribute.KeyValue {
	name := getenv("AWS_LAMBDA_FUNCTION_NAME")
	if name == "" {
		return nil
	}
	attrs := []attribute.KeyValue{
		attribute.String("cloud.platform", "aws_lambda"),
		attribute.String("cloud.provider", "aws"),
		attribute.String("cloud.region", getenv("AWS_REGION")),
		// The log stream names the instance, as the FaaS conventions say.
		attribute.String("faas.instance", getenv("AWS_LAMBDA_LOG_STREAM_NAME")),
		attribute.String("faas.name", name),
		attribute.String("faas.version", getenv("AWS_LAMBDA_FUNCTION_VERSION")),
	}
	if mb, err := strconv.Atoi(getenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE")); err == nil {
		attrs = append(attrs, attribute.Int64("faas.max_memory", int64(mb)<<20))
	}
	return attrs
}
