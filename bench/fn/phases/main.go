// Command phases is the minimal function of fn/untraced, or with the
// "traced" build tag of fn/otelxray, or with "sdkonly" the same traced by
// the OpenTelemetry SDK alone (spans dropped, nothing sent), that writes
// to stderr when main starts, when its handler is ready and when the first
// invocation's handler runs: BenchmarkColdStartPhases splits the cold
// start with them.
package main

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
)

// mark writes a phase and the wall-clock time, which the benchmark's
// process shares.
func mark(phase string) { fmt.Fprintf(os.Stderr, "phase %s %d\n", phase, time.Now().UnixNano()) }

var first = true

func handler(ctx context.Context, _ struct{}) (string, error) {
	if first {
		first = false
		mark("handler")
	}
	work(ctx)
	return "ok", nil
}

func main() {
	mark("main")
	h := wrap(handler)
	mark("wrapped")
	lambda.Start(h)
}
