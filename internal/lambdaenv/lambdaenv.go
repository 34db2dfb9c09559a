// Package lambdaenv is the one place that reads the variables AWS Lambda
// sets in a function's environment, for every package that changes its
// behaviour in Lambda (xrayudp, lambdatrace, awssdk, the Datadog exporter),
// and that splits a function's ARN and names its runtime (ddlambda's
// metrics and the Datadog exporter's aws.lambda span).
package lambdaenv

import "os"

// FunctionName is the variable that holds the function's name. Lambda sets
// it in every execution environment, so its presence means "in Lambda".
const FunctionName = "AWS_LAMBDA_FUNCTION_NAME"

// Name returns the function's name, or "" outside Lambda. A nil getenv
// reads the process environment.
func Name(getenv func(string) string) string {
	if getenv == nil {
		getenv = os.Getenv
	}
	return getenv(FunctionName)
}

// In reports whether the process runs in AWS Lambda. A nil getenv reads the
// process environment.
func In(getenv func(string) string) bool { return Name(getenv) != "" }
