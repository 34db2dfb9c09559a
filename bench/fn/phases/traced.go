//go:build traced

package main

import (
	"context"

	"go.opentelemetry.io/otel"

	"github.com/otelxray/otelxray/lambdatrace"
)

func work(ctx context.Context) {
	_, s := otel.Tracer("fn").Start(ctx, "work")
	s.End()
}

func wrap(h func(context.Context, struct{}) (string, error)) func(context.Context, struct{}) (string, error) {
	return lambdatrace.Wrap(h)
}
