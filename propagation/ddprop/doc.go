// Package ddprop is the Datadog dialect of trace context propagation: a
// [go.opentelemetry.io/otel/propagation.TextMapPropagator] that reads and
// writes the keys Datadog's tracers use in HTTP headers and in the `_datadog`
// carriers of SQS, SNS, EventBridge, Kinesis and Step Functions payloads.
//
//   - x-datadog-trace-id: the low 64 bits of the trace ID, decimal;
//   - x-datadog-tags: `_dd.p.tid=<16 hex>` carries the high 64 bits;
//   - x-datadog-parent-id: the span ID, decimal;
//   - x-datadog-sampling-priority: -1 or 0 (drop), 1 or 2 (keep);
//   - x-datadog-origin: where the trace started (for example "lambda").
//
// The sampling priority and the origin are kept in the span context's
// tracestate under the `dd` member (`s:<priority>;o:<origin>`), the member
// Datadog's own W3C propagation writes, so a W3C hop keeps them too. A
// missing priority counts as keep (1), as datadog-lambda-go does.
//
// The other two dialects come from OpenTelemetry: W3C is
// propagation.TraceContext{} (with propagation.Baggage{}), X-Ray is
// go.opentelemetry.io/contrib/propagators/aws/xray.Propagator{}. [Dialects]
// returns the three in the order they are tried on extraction.
//
// Extract never fails loudly: a key that does not parse (overflow, zero,
// signs, spaces, invalid UTF-8, a tags header past 512 bytes) is ignored,
// and the context is returned unchanged when no valid trace and parent ID
// remain.
package ddprop
