// Command read is the orders demo's GET Lambda function (GET /context and
// GET /orders/{id}), traced to X-Ray with lambdatrace. Build it for Lambda
// with
//
//	GOOS=linux GOARCH=arm64 CGO_ENABLED=0 go build -tags lambda.norpc -o bootstrap
//
// and deploy it with ../template.yaml (see ../README.md).
package main

import (
	"context"
	"log"

	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/examples/orders/internal/read"
	"github.com/otelxray/otelxray/lambdatrace"
)

func main() {
	order.UseTraceLogs()
	h, err := read.New(context.Background())
	if err != nil {
		log.Fatal(err)
	}
	lambda.Start(lambdatrace.Wrap(h.Handle))
}
