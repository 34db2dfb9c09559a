package main

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/examples/catalog/internal/analytics"
	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/catalog/internal/inventory"
	"github.com/otelxray/otelxray/examples/catalog/internal/pricing"
	"github.com/otelxray/otelxray/examples/catalog/internal/product"
	"github.com/otelxray/otelxray/examples/catalog/internal/stock"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/lambdatrace"
)

// functionEnv names, in a process the demo starts, the function that
// process runs instead of the demo; statsEnv the file it writes its span
// counts to after every invocation (for the load test).
const (
	functionEnv = "CATALOG_LOCAL_FUNCTION"
	statsEnv    = "CATALOG_LOCAL_STATS"
)

// The demo's functions, named as in template.yaml.
const (
	fnProduct   = "product"
	fnPricing   = "pricing"
	fnInventory = "inventory"
	fnStock     = "stock"
	fnAnalytics = "analytics"
)

var functionNames = []string{fnProduct, fnPricing, fnInventory, fnStock, fnAnalytics}

// runFunction runs the function name as its deployable main does
// (examples/catalog/<name>), to Datadog too when the demo gives it the
// ddlocal agent (traceOptions), with its span counts written to
// statsEnv's file. lambda.Start never returns.
func runFunction(name string) {
	ctx := context.Background()
	catalog.UseTraceLogs()
	opts, c, err := traceOptions()
	stats := os.Getenv(statsEnv)
	if err != nil {
		fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
		os.Exit(2)
	}
	switch name {
	case fnProduct:
		var h *product.Handler
		if h, err = product.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	case fnPricing:
		var h *pricing.Handler
		if h, err = pricing.New(ctx); err == nil {
			lambda.Start(loadgen.CountedNoOutput(c, stats, lambdatrace.WrapNoOutput(h.Handle, opts...)))
		}
	case fnInventory:
		var h *inventory.Handler
		if h, err = inventory.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	case fnStock:
		var h *stock.Handler
		if h, err = stock.New(ctx); err == nil {
			lambda.Start(loadgen.Counted(c, stats, lambdatrace.Wrap(h.Handle, opts...)))
		}
	case fnAnalytics:
		lambda.Start(loadgen.CountedNoOutput(c, stats, lambdatrace.WrapNoOutput(analytics.New(ddlambda.Count).Handle, opts...)))
	default:
		err = fmt.Errorf("unknown function %q", name)
	}
	fmt.Fprintf(os.Stderr, "%s: %v\n", name, err)
	os.Exit(2)
}
