// Command untraced is a minimal Lambda function without tracing, the
// baseline for binary size and start-up time.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
)

func handler(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }

func main() { lambda.Start(handler) }
