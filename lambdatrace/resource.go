package lambdatrace

import (
	"context"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
)

// Resource describes the function for the default setup: the attributes
// contrib's Lambda detector reads from Lambda's variables, corrected
// (cloud.platform=aws_lambda, memory in bytes, service.name = the function
// name unless OTEL_SERVICE_NAME, OTEL_RESOURCE_ATTRIBUTES or
// AWS_XRAY_TRACING_NAME, in this order, says otherwise), over the
// attributes of resource.Default(): telemetry.sdk.*, those of
// OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME as they are now, and
// outside Lambda, when nothing names the service, service.name
// unknown_service:<executable>. Outside Lambda it returns that default
// resource and no error. It never fails on a schema URL conflict: the
// Lambda attributes carry no schema URL.
func Resource(ctx context.Context) *resource.Resource {
	// Not resource.Default(): it is computed once per process, before a
	// test or a caller can change OTEL_SERVICE_NAME, and its detectors
	// cost a cold start more than the few attributes it adds, which are
	// built here. The variables' errors are reported by the SDK, whose
	// WithResource reads them again.
	base, _ := resource.New(ctx, resource.WithTelemetrySDK(), resource.WithFromEnv())
	if base == nil {
		base = resource.Empty()
	}
	if strings.EqualFold(os.Getenv(envExperimentalResource), "true") {
		// resource.Default() then has more (service.instance.id).
		if withDefault, err := resource.Merge(resource.Default(), base); err == nil {
			base = withDefault
		}
	}
	var extra []attribute.KeyValue
	named := hasServiceName(base)
	if name := os.Getenv(envTracingName); name != "" && !named {
		// The X-Ray SDK's name for the service, below OTEL_SERVICE_NAME.
		extra = append(extra, attribute.String("service.name", name))
		named = true
	}
	switch attrs := lambdaAttributes(os.Getenv); {
	case attrs != nil:
		extra = append(extra, attrs...)
		if !named {
			extra = append(extra, attribute.String("service.name", os.Getenv("AWS_LAMBDA_FUNCTION_NAME")))
		}
	case !named && !base.Set().HasValue("service.name"):
		// resource.Default()'s name for a service nothing names.
		extra = append(extra, attribute.String("service.name", defaultServiceName()))
	}
	if len(extra) == 0 {
		return base
	}
	// One set, as resource.Merge(base, extra) would make it: extra wins.
	return resource.NewWithAttributes(base.SchemaURL(), append(base.Attributes(), extra...)...)
}

// envExperimentalResource turns on the SDK's experimental resource
// attributes (go.opentelemetry.io/otel/sdk/internal/x).
const envExperimentalResource = "OTEL_GO_X_RESOURCE"

// defaultServiceName is the SDK's service.name when nothing sets one:
// unknown_service: and the executable's name.
func defaultServiceName() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown_service:go"
	}
	return "unknown_service:" + filepath.Base(exe)
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
