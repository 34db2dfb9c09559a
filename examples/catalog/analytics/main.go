// Command analytics is the catalog demo's analytics Lambda function,
// traced to X-Ray with lambdatrace; it counts events as a Datadog metric
// (ddlambda.Count, sent over DogStatsD when DD_TRACE_AGENT_URL gives it
// Datadog). Build it for Lambda with
//
//	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap
//
// and deploy it with ../template.yaml (see ../README.md).
package main

import (
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/examples/catalog/internal/analytics"
	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/lambdatrace"
)

func main() {
	catalog.UseTraceLogs()
	lambda.Start(lambdatrace.WrapNoOutput(analytics.New(ddlambda.Count).Handle, catalog.TraceOptions()...))
}
