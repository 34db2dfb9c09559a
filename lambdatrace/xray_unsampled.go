package lambdatrace

import "github.com/otelxray/otelxray/internal/xrayprop"

// xrayPropagator is the X-Ray propagator of the default setup: a trace
// recorded only for Datadog (X-Ray did not sample it) goes downstream with
// Sampled=0.
type xrayPropagator = xrayprop.Propagator
