package xrayudp

import (
	"fmt"

	"go.opentelemetry.io/otel"

	"github.com/otelxray/otelxray/internal/envflag"
	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// Environment variables read by New. Options take precedence over them.
const (
	// EnvDaemonAddress is the X-Ray daemon address, set by AWS Lambda.
	EnvDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS"
	// EnvLambdaFunctionName is set in AWS Lambda; its presence turns on Lambda mode.
	EnvLambdaFunctionName = lambdaenv.FunctionName
	// EnvIndexedAttributes lists, comma-separated, the attribute keys that
	// become annotations, like the Collector's awsxray exporter's
	// indexed_attributes. WithIndexedAttributes or WithIndexAllAttributes
	// overrides it.
	EnvIndexedAttributes = "OTEL_AWS_XRAY_INDEXED_ATTRIBUTES"
	// EnvIndexAllAttributes, "true", makes every attribute an annotation,
	// like the Collector's index_all_attributes. WithIndexedAttributes or
	// WithIndexAllAttributes overrides it.
	EnvIndexAllAttributes = "OTEL_AWS_XRAY_INDEX_ALL_ATTRIBUTES"
)

// fromEnv fills the settings that options left unset.
func (c *config) fromEnv(getenv func(string) string) {
	if c.endpoint == "" {
		c.endpoint = getenv(EnvDaemonAddress)
		c.endpointFrom = EnvDaemonAddress
	}
	if c.endpoint == "" {
		c.endpoint = DefaultEndpoint
		c.endpointFrom = "the default"
	}
	c.formatFromEnv(getenv)
	if c.lambda == nil {
		on := lambdaenv.In(getenv)
		c.lambda = &on
	}
	if c.indexed == nil && !c.indexAll {
		c.indexed = envflag.List(getenv, EnvIndexedAttributes)
		all, err := envflag.Bool(getenv, EnvIndexAllAttributes, false)
		if err != nil {
			// A typo must not stop the exporter; it is said once per New.
			otel.Handle(fmt.Errorf("xrayudp: %w", err))
		}
		c.indexAll = all
	}
}
