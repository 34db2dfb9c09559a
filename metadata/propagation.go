package metadata

import "go.opentelemetry.io/otel/attribute"

// Attribute keys that tell, on the trace itself, how trace context crossed
// a boundary.
const (
	// PropagationCarrierKey, on a span link or an invocation span, names the
	// carrier a context was read from and its dialect, such as
	// "messageAttributes._datadog (datadog)" or "AWSTraceHeader (xray)".
	PropagationCarrierKey attribute.Key = "otelxray.propagation.carrier"
	// PropagationInjectedKey, on a producer span, lists the carriers written
	// into the outgoing request (a string slice, such as
	// ["MessageAttributes.traceparent", "MessageAttributes._datadog"]).
	PropagationInjectedKey attribute.Key = "otelxray.propagation.injected"
	// PropagationSkippedKey, on a producer span, counts the messages or
	// entries that got no carrier.
	PropagationSkippedKey attribute.Key = "otelxray.propagation.skipped"
	// PropagationSkipReasonKey, on a producer span, says why the last
	// skipped carrier was skipped (such as "10 message attributes").
	PropagationSkipReasonKey attribute.Key = "otelxray.propagation.skip_reason"
)
