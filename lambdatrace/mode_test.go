package lambdatrace

import (
	"strings"
	"testing"
)

func TestResolveMode(t *testing.T) {
	tests := []struct {
		name       string
		opt        ProcessingMode
		optQueue   int
		env        map[string]string
		mode       ProcessingMode
		queue      int
		complaints []string
	}{
		{name: "default", mode: ProcessingModeSync, queue: 2048},
		{name: "env async", env: map[string]string{modeEnv: "async"}, mode: ProcessingModeAsync, queue: 2048},
		{name: "env finalize, spaced and upper case", env: map[string]string{modeEnv: " FINALIZE "}, mode: ProcessingModeFinalize, queue: 2048},
		{name: "option wins", opt: ProcessingModeFinalize, env: map[string]string{modeEnv: "async"}, mode: ProcessingModeFinalize, queue: 2048},
		{name: "bad env", env: map[string]string{modeEnv: "fast"}, mode: ProcessingModeSync, queue: 2048,
			complaints: []string{`processing mode "fast" is not sync, async or finalize; using sync (from LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE)`}},
		{name: "bad option", opt: "later", mode: ProcessingModeSync, queue: 2048,
			complaints: []string{`processing mode "later" is not sync, async or finalize; using sync`}},
		{name: "env queue", env: map[string]string{queueSizeEnv: "10"}, mode: ProcessingModeSync, queue: 10},
		{name: "option queue wins", optQueue: 5, env: map[string]string{queueSizeEnv: "10"}, mode: ProcessingModeSync, queue: 5},
		{name: "bad env queue", env: map[string]string{queueSizeEnv: "0"}, mode: ProcessingModeSync, queue: 2048,
			complaints: []string{`LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE="0" is not a positive whole number; using 2048`}},
		{name: "bad option queue", optQueue: -1, mode: ProcessingModeSync, queue: 2048,
			complaints: []string{"queue size -1 is not positive; using 2048"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			c := config{mode: tc.opt, queueSize: tc.optQueue, getenv: func(k string) string { return tc.env[k] }}
			errs := resolveMode(&c)
			if c.mode != tc.mode || c.queueSize != tc.queue {
				t.Errorf("mode %q queue %d, want %q %d", c.mode, c.queueSize, tc.mode, tc.queue)
			}
			if len(errs) != len(tc.complaints) {
				t.Fatalf("complaints %v, want %q", errs, tc.complaints)
			}
			for i, err := range errs {
				if !strings.HasSuffix(err.Error(), tc.complaints[i]) {
					t.Errorf("complaint %q, want it to end %q", err, tc.complaints[i])
				}
			}
		})
	}
}
