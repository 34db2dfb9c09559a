// Command stock is the catalog demo's stock Lambda function, traced to X-Ray
// with lambdatrace, and to Datadog too (catalog.TraceOptions: ddlambda.Enable)
// when DD_TRACE_AGENT_URL is set. Build it for Lambda with
//
//	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap
//
// and deploy it with ../template.yaml (see ../README.md).
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/catalog/internal/stock"
	"github.com/otelxray/otelxray/lambdatrace"
)

func main() {
	catalog.UseTraceLogs()
	h, err := stock.New(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(lambdatrace.Wrap(h.Handle, catalog.TraceOptions()...))
}
