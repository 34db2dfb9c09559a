package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/examples/orders/internal/change"
	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/examples/orders/internal/post"
	"github.com/otelxray/otelxray/examples/orders/internal/read"
	"github.com/otelxray/otelxray/lambdatrace"
)

// functionEnv names, in a process the demo starts, the function that
// process runs instead of the demo; statsEnv the file it writes its span
// counts to after every invocation (for the load test).
const (
	functionEnv = "ORDERS_LOCAL_FUNCTION"
	statsEnv    = "ORDERS_LOCAL_STATS"
)

// The demo's functions, named as in template.yaml.
const (
	fnPost   = "post"
	fnRead   = "read"
	fnChange = "handle-change"
)

// runFunction runs the function name as its deployable main does
// (examples/orders/post, read, handle-change), exporting to Datadog too
// when the demo gives it an agent (traceOptions). lambda.Start never returns:
// the process ends when its Runtime API goes away or it is killed.
func runFunction(name string) {
	ctx := context.Background()
	order.UseTraceLogs()
	opts, c, err := traceOptions()
	stats := os.Getenv(statsEnv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(2)
	}
	switch name {
	case fnPost:
		var h *post.Handler
		if h, err = post.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	case fnRead:
		var h *read.Handler
		if h, err = read.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	case fnChange:
		var h *change.Handler
		if h, err = change.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	default:
		err = fmt.Errorf("unknown function %q", name)
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	os.Exit(2)
}
