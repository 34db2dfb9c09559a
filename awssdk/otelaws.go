package awssdk

import (
	"context"
	"time"

	sdkinstrumentation "go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/trace"
)

// otelawsScope is the instrumentation scope of otelaws's spans
// (go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws).
const otelawsScope = "go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"

// sdkSpan is what this package reads of a span of the OpenTelemetry SDK
// (whose spans are sdktrace.ReadOnlySpan) to recognise otelaws's, without
// linking the SDK's trace package.
type sdkSpan interface {
	trace.Span
	Name() string
	EndTime() time.Time
	InstrumentationScope() sdkinstrumentation.Scope
}

// otelawsSpan returns the span otelaws started for this very call, or nil.
// otelaws starts its span in the Initialize step and names it
// "<service ID>.<operation>"; the name check keeps a call made while
// another is in flight (a credential provider's STS call) from taking the
// outer call's span.
func otelawsSpan(ctx context.Context, serviceID, op string) trace.Span {
	s, ok := trace.SpanFromContext(ctx).(sdkSpan)
	if !ok || s.InstrumentationScope().Name != otelawsScope {
		return nil
	}
	name := s.Name()
	if len(name) != len(serviceID)+1+len(op) || name[:len(serviceID)] != serviceID ||
		name[len(serviceID)] != '.' || name[len(serviceID)+1:] != op || !s.EndTime().IsZero() {
		return nil
	}
	return s
}
