// Command xraysdk is a minimal Lambda function traced with the X-Ray SDK for Go.
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-xray-sdk-go/xray"
)

func handler(ctx context.Context, _ struct{}) (string, error) {
	_, s := xray.BeginSubsegment(ctx, "work")
	if s != nil {
		s.Close(nil)
	}
	return "ok", nil
}

func main() { lambda.Start(handler) }
