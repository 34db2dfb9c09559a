package lambdatrace_test

import (
	"context"
	"fmt"

	"github.com/otelxray/otelxray/lambdatrace"
)

// Export after the response has gone to the caller, from an internal
// extension (the same as LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE=async).
func ExampleWithProcessingMode() {
	handler := func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil }
	h := lambdatrace.Wrap(handler, lambdatrace.WithProcessingMode(lambdatrace.ProcessingModeAsync))
	_ = h // lambda.Start(h)
}

// Keep at most 512 ended spans between exports; more are exported at once.
func ExampleWithQueueSize() {
	handler := func(ctx context.Context, e map[string]any) (string, error) { return "ok", nil }
	h := lambdatrace.Wrap(handler, lambdatrace.WithQueueSize(512))
	_ = h // lambda.Start(h)
}

// Read the queue's counters, for example in a health log line.
func ExampleQueueStats() {
	s := lambdatrace.QueueStats()
	fmt.Printf("exported %d, early exports %d, dropped %d\n", s.Exported, s.EarlyExports, s.Dropped)
}
