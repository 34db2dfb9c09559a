// Package datadog sends the same OpenTelemetry spans that go to X-Ray to a
// Datadog Agent or the Datadog Lambda Extension, on the v0.4 trace intake
// (msgpack), without dd-trace-go.
//
//	dd, err := datadog.New() // DD_TRACE_AGENT_URL, DD_AGENT_HOST, DD_SERVICE, ...
//	if err != nil {
//		log.Fatal(err)
//	}
//	xr, err := xrayudp.New()
//	if err != nil {
//		log.Fatal(err)
//	}
//	tp := sdktrace.NewTracerProvider(
//		sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd),
//		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
//
// In AWS Lambda, package ddlambda (github.com/otelxray/otelxray/ddlambda)
// ties a function wrapped by lambdatrace to Datadog: ddlambda.Extension
// reports every invocation to the Datadog Lambda Extension, so that Datadog
// shows its aws.lambda span with ours under it, and ddlambda.XRayMerge
// sends the datadog-metadata subsegment through the X-Ray exporter so that
// Datadog can merge the X-Ray trace with its own. This package needs
// neither Lambda nor X-Ray.
//
// Spans are mapped the way Datadog's own tracers name them: 128-bit trace
// IDs (the low 64 bits as trace_id, the high ones in _dd.p.tid), service,
// name, resource and type, span.kind, errors with error.type, error.message
// and error.stack, attributes as meta (strings) and metrics (numbers), AWS
// SDK calls with Datadog's resource names and tags (tablename, queuename,
// ...), span links, and the _top_level and _sampling_priority_v1 metrics
// (the priority ddlambda's sampler decided, with _dd.p.dm, else 1).
// lambdatrace's invocation span becomes Datadog's aws.lambda span (type
// serverless, the function's tags), ddlambda's cold-start span
// aws.lambda.cold_start.
// Credentials never leave the process: user:password@ in URLs and
// password= settings in connection strings are removed from every meta
// value, resource and error message.
//
// # Environment
//
// New reads Datadog's own variables; an option overrides each:
//
//   - DD_TRACE_AGENT_URL: the agent's base URL, http://host:port
//     (WithAgentURL). Unset: http://DD_AGENT_HOST:DD_TRACE_AGENT_PORT when
//     either is set (defaults 127.0.0.1 and 8126), else [DefaultAgent].
//   - DD_SERVICE: the service (WithService); unset, the resource's
//     service.name, else unnamed-go-service.
//   - DD_ENV, DD_VERSION: the env and version tags (WithEnv, WithVersion).
//   - DD_TAGS: key:value tags, separated by commas or spaces, on every
//     span (WithTags); a span's own tag of the same key wins.
//   - AWS_EXECUTION_ENV (else /etc/os-release): in Lambda, the runtime tag
//     of the aws.lambda span.
//   - AWS_LAMBDA_FUNCTION_NAME: when set, the default timeout is
//     [DefaultLambdaTimeout] instead of [DefaultTimeout] (WithTimeout).
//
// The agent being down or slow never blocks the caller beyond the timeout
// (default 2 s; in Lambda, 300 ms): what could not be sent is counted in
// [Exporter.Stats].
//
//docscheck:snippet imports "log" "go.opentelemetry.io/contrib/propagators/aws/xray" sdktrace "go.opentelemetry.io/otel/sdk/trace" "github.com/otelxray/otelxray/exporter/datadog" "github.com/otelxray/otelxray/exporter/xrayudp"
package datadog
