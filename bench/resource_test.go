package bench

import (
	"context"
	"testing"

	lambdadetector "go.opentelemetry.io/contrib/detectors/aws/lambda"
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/lambdatrace"
)

// TestResourceMatchesLambdaDetector checks that lambdatrace, which reads
// Lambda's variables itself, gives every attribute of contrib's Lambda
// detector with the same value (faas.max_memory in bytes, not megabytes).
func TestResourceMatchesLambdaDetector(t *testing.T) {
	tests := []struct {
		name string
		env  map[string]string
	}{
		{"all variables", map[string]string{
			"AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_REGION": "eu-west-1",
			"AWS_LAMBDA_FUNCTION_VERSION": "$LATEST", "AWS_LAMBDA_LOG_STREAM_NAME": "2026/12/02/[$LATEST]8f1c",
			"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "1769",
		}},
		{"name only", map[string]string{"AWS_LAMBDA_FUNCTION_NAME": "orders"}},
		{"memory not a number", map[string]string{"AWS_LAMBDA_FUNCTION_NAME": "orders", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "lots"}},
	}
	vars := []string{"AWS_LAMBDA_FUNCTION_NAME", "AWS_REGION", "AWS_LAMBDA_FUNCTION_VERSION",
		"AWS_LAMBDA_LOG_STREAM_NAME", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "OTEL_SERVICE_NAME", "OTEL_RESOURCE_ATTRIBUTES"}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			for _, k := range vars {
				t.Setenv(k, tt.env[k])
			}
			want, err := lambdadetector.NewResourceDetector().Detect(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			got := lambdatrace.Resource(context.Background()).Set()
			for _, kv := range want.Attributes() {
				v := kv.Value
				if kv.Key == "faas.max_memory" {
					v = attribute.Int64Value(v.AsInt64() << 20)
				}
				if g, ok := got.Value(kv.Key); !ok || g != v {
					t.Errorf("%s = %q, want %q (the detector's)", kv.Key, g.String(), v.String())
				}
			}
			if _, ok := got.Value("faas.max_memory"); ok != want.Set().HasValue("faas.max_memory") {
				t.Errorf("faas.max_memory present: %v, the detector's: %v", ok, !ok)
			}
		})
	}
}
