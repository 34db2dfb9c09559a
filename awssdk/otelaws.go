package awssdk

import (
	"context"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// otelawsScope is the instrumentation scope of otelaws's spans
// (go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws).
const otelawsScope = "go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"

// otelawsSpan returns the span otelaws started for this very call, or nil.
// otelaws starts its span in the Initialize step and names it
// "<service ID>.<operation>"; the name check keeps a call made while
// another is in flight (a credential provider's STS call) from taking the
// outer call's span.
func otelawsSpan(ctx context.Context, serviceID, op string) trace.Span {
	s := trace.SpanFromContext(ctx)
	ro, ok := s.(sdktrace.ReadOnlySpan)
	if !ok || ro.InstrumentationScope().Name != otelawsScope {
		return nil
	}
	name := ro.Name()
	if len(name) != len(serviceID)+1+len(op) || name[:len(serviceID)] != serviceID ||
		name[len(serviceID)] != '.' || name[len(serviceID)+1:] != op || !ro.EndTime().IsZero() {
		return nil
	}
	return s
}
