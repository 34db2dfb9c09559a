// Package datadog sends the same OpenTelemetry spans that go to X-Ray to a
// Datadog Agent or the Datadog Lambda Extension, on the v0.4 trace intake
// (msgpack), without dd-trace-go.
//
//	dd, err := datadog.New() // DD_TRACE_AGENT_URL, DD_AGENT_HOST, DD_SERVICE, ...
//	xr, err := xrayudp.New()
//	tp := sdktrace.NewTracerProvider(
//		sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd), ...)
//
// With lambdatrace, two options tie a function to Datadog:
// [LambdaExtension] calls the Datadog Lambda Extension's start-invocation and
// end-invocation endpoints, so that Datadog shows its aws.lambda span with
// ours under it; [XRayMerge] sends the datadog-metadata subsegment through
// the X-Ray exporter so that Datadog can merge the X-Ray trace with its own.
//
// Spans are mapped the way Datadog's own tracers name them: 128-bit trace
// IDs (the low 64 bits as trace_id, the high ones in _dd.p.tid), service,
// name, resource and type, span.kind, errors with error.type, error.message
// and error.stack, attributes as meta (strings) and metrics (numbers), AWS
// SDK calls with Datadog's resource names and tags (tablename, queuename,
// ...), span links, and the _top_level and _sampling_priority_v1 metrics.
//
// The agent being down or slow never blocks the caller beyond the timeout
// (default 2 s; in Lambda, keep it short): what could not be sent is
// counted in [Exporter.Stats].
package datadog
