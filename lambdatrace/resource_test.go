package lambdatrace

import (
	"context"
	"fmt"
	"log"
	"os"
	"os/exec"
	"strings"
	"testing"

	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
)

// resourceChildEnv makes the test binary, run by TestResourceUnchanged,
// print both resources for its environment instead of testing.
const resourceChildEnv = "LAMBDATRACE_TEST_RESOURCE_CHILD"

// TestResourceUnchanged checks that Resource, which builds the default
// attributes itself, gives the same attributes and schema URL as it did
// when it merged resource.Default() and the SDK's detectors (before, as
// it was then), for each environment. Each runs in a new process: the SDK
// computes resource.Default() once per process, from the environment of
// its first call.
func TestResourceUnchanged(t *testing.T) {
	if os.Getenv(resourceChildEnv) != "" {
		ctx := context.Background()
		old, got := before(ctx), Resource(ctx)
		fmt.Printf("before %q %s\nnow    %q %s\n", old.SchemaURL(), old, got.SchemaURL(), got)
		if old.SchemaURL() == got.SchemaURL() && old.Equal(got) {
			fmt.Println("same")
		}
		return
	}
	lambda := []string{"AWS_LAMBDA_FUNCTION_NAME=orders", "AWS_REGION=eu-west-1",
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST", "AWS_LAMBDA_LOG_STREAM_NAME=2026/12/02/[$LATEST]8f1c",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=1769"}
	tests := map[string][]string{
		"outside Lambda":                     nil,
		"outside, OTEL_SERVICE_NAME":         {"OTEL_SERVICE_NAME=checkout"},
		"outside, blank OTEL_SERVICE_NAME":   {"OTEL_SERVICE_NAME=  "},
		"outside, tracing name":              {"AWS_XRAY_TRACING_NAME=shop"},
		"outside, empty service.name":        {"OTEL_RESOURCE_ATTRIBUTES=service.name="},
		"outside, resource attributes":       {"OTEL_RESOURCE_ATTRIBUTES=deployment.environment=prod, team = a%20b ,broken,=x,k=1,k=2"},
		"outside, unknown_service and name":  {"OTEL_SERVICE_NAME=unknown_service:x", "AWS_XRAY_TRACING_NAME=shop"},
		"outside, experimental":              {"OTEL_GO_X_RESOURCE=true"},
		"Lambda":                             lambda,
		"Lambda, name only":                  {"AWS_LAMBDA_FUNCTION_NAME=orders"},
		"Lambda, memory not a number":        {"AWS_LAMBDA_FUNCTION_NAME=orders", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE=lots"},
		"Lambda, OTEL_SERVICE_NAME":          append([]string{"OTEL_SERVICE_NAME=checkout"}, lambda...),
		"Lambda, tracing name":               append([]string{"AWS_XRAY_TRACING_NAME=shop"}, lambda...),
		"Lambda, tracing name and OTEL name": append([]string{"AWS_XRAY_TRACING_NAME=shop", "OTEL_SERVICE_NAME=checkout"}, lambda...),
		"Lambda, unknown_service":            append([]string{"OTEL_SERVICE_NAME=unknown_service:x"}, lambda...),
		"Lambda, attributes override":        append([]string{"OTEL_RESOURCE_ATTRIBUTES=service.name=svc,cloud.region=us-east-1,telemetry.sdk.language=rust"}, lambda...),
		"Lambda, attributes and OTEL name":   append([]string{"OTEL_RESOURCE_ATTRIBUTES=service.name=svc", "OTEL_SERVICE_NAME=checkout"}, lambda...),
		"Lambda, empty service.name":         append([]string{"OTEL_RESOURCE_ATTRIBUTES=service.name=", "AWS_XRAY_TRACING_NAME=shop"}, lambda...),
		"Lambda, bad escape":                 append([]string{"OTEL_RESOURCE_ATTRIBUTES=a=%zz,b=%41"}, lambda...),
		"Lambda, experimental":               append([]string{"OTEL_GO_X_RESOURCE=TRUE"}, lambda...),
	}
	for name, env := range tests {
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			cmd := exec.Command(os.Args[0], "-test.run=^TestResourceUnchanged$")
			cmd.Env = append(append(withoutResourceEnv(os.Environ()), resourceChildEnv+"=1"), env...)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "\nsame\n") {
				t.Errorf("%v: %v\n%s", env, err, out)
			}
		})
	}
}

// A malformed OTEL_RESOURCE_ATTRIBUTES is still said, by the SDK, when Wrap
// builds the provider (resource.Default() no longer says it too).
func TestResourceVariableErrorSaid(t *testing.T) {
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	t.Setenv("OTEL_RESOURCE_ATTRIBUTES", "team=a,broken")
	var said []string
	otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { said = append(said, err.Error()) }))
	defer otel.SetErrorHandler(otel.ErrorHandlerFunc(func(err error) { log.Print(err) }))
	_ = Wrap(func(context.Context, struct{}) (string, error) { return "ok", nil }, WithoutGlobals())
	if len(said) != 1 || !strings.Contains(said[0], "missing value: [broken]") {
		t.Errorf("said %q, want the SDK's partial resource error once", said)
	}
}

// withoutResourceEnv is env without the variables Resource reads.
func withoutResourceEnv(env []string) []string {
	var kept []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, "OTEL_") && !strings.HasPrefix(kv, "AWS_") {
			kept = append(kept, kv)
		}
	}
	return kept
}

// before is Resource as it was, merging resource.Default().
func before(ctx context.Context) *resource.Resource {
	base, err := resource.New(ctx, resource.WithTelemetrySDK(), resource.WithFromEnv())
	if base == nil {
		base = resource.Empty()
	}
	if withDefault, err := resource.Merge(resource.Default(), base); err == nil {
		base = withDefault
	}
	_ = err
	if name := os.Getenv(envTracingName); name != "" && !hasServiceName(base) {
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
