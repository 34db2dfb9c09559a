package xrayudp

// Environment variables read by New. Options take precedence over them.
const (
	// EnvDaemonAddress is the X-Ray daemon address, set by AWS Lambda.
	EnvDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS"
	// EnvLambdaFunctionName is set in AWS Lambda; its presence turns on Lambda mode.
	EnvLambdaFunctionName = "AWS_LAMBDA_FUNCTION_NAME"
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
	if c.lambda == nil {
		on := getenv(EnvLambdaFunctionName) != ""
		c.lambda = &on
	}
}
