// Command ddlambda is a minimal Lambda function traced with otelxray to
// X-Ray and Datadog (ddlambda.Enable).
package main

import (
	"context"

	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/otel"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/lambdatrace"
)

func handler(ctx context.Context, _ struct{}) (string, error) {
	_, s := otel.Tracer("fn").Start(ctx, "work")
	s.End()
	return "ok", nil
}

func main() { lambda.Start(lambdatrace.Wrap(handler, ddlambda.Enable())) }
