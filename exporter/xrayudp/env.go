package xrayudp

import "github.com/otelxray/otelxray/internal/lambdaenv"

// Environment variables read by New. Options take precedence over them.
const (
	// EnvDaemonAddress is the X-Ray daemon address, set by AWS Lambda.
	EnvDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS"
	// EnvLambdaFunctionName is set in AWS Lambda; its presence turns on Lambda mode.
	EnvLambdaFunctionName = lambdaenv.FunctionName
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
}
