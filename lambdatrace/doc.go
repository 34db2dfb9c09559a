// Package lambdatrace traces AWS Lambda invocations of Go functions with
// OpenTelemetry and sends them to X-Ray through the xrayudp exporter. In
// main:
//
//	lambda.Start(lambdatrace.Wrap(handler))
//
// [Wrap] with no options builds the recommended setup once, when it is
// called (during the function's init phase): the xrayudp exporter in Lambda
// mode, the X-Ray ID generator, a parent-based sampler, the X-Ray propagator
// (or those OTEL_PROPAGATORS names) and a Lambda resource. It installs them
// as the OpenTelemetry globals unless the program already set a
// TracerProvider, so otel.Tracer inside the handler and the awssdk
// middleware just work. The environment variables it reads (OTEL_SDK_DISABLED,
// OTEL_PROPAGATORS, AWS_XRAY_TRACING_NAME, ...) are listed in the
// repository's docs/configuration.md.
//
// Every invocation:
//   - takes its parent from the trace header Lambda hands it (the context key
//     "x-amzn-trace-id"; the _X_AMZN_TRACE_ID variable only when the key is
//     absent, since the variable belongs to whichever invocation set it last);
//   - starts a SERVER span for the invocation, with the FaaS attributes, the
//     cold start flag and what the event source tells (HTTP method, route and
//     status; SQS links to the producers' traces; the trigger of SNS,
//     EventBridge, DynamoDB Streams, Kinesis and S3 events);
//   - records an error or a panic on the span, with its Go stack, and returns
//     or re-panics it unchanged;
//   - writes everything the invocation produced to the daemon before the
//     handler returns: Lambda may freeze the process right after. No
//     background goroutine is involved. (That is the default processing
//     mode, sync; see below for async and finalize.)
//
// An invocation still running shortly before its deadline (Lambda kills the
// process at the deadline) is cut: the margin is a tenth of the time it had
// when it started, at most 50 ms. At the cut the End hooks run with
// [ErrTimeout], spans still open under the invocation span are ended there
// with the attribute lambdatrace.cut_at_deadline=true (OpenTelemetry cannot
// send a span in progress), the invocation span ends as a fault with a
// "Timeout" exception, and everything that has ended is written, within a
// tenth of the margin before the deadline. A handler that returns within
// the margin is reported as timed out. If the process survives, the
// handler's late return writes only the spans that ended after the cut.
// Open spans are ended only in the default setup, whose span processor
// knows them; with [WithTracerProvider] or a program's own provider the
// invocation span is ended and the provider flushed.
//
// With Sampled=0, or a header without Parent (PassThrough mode), nothing is
// sent, but the context still carries the trace downstream.
//
// The event's own trace context is read in three dialects (W3C, Datadog,
// X-Ray; see [github.com/otelxray/otelxray/propagation/ddprop]): HTTP
// headers, SQS and SNS message attributes and _datadog, SNS and EventBridge
// envelopes in an SQS body, EventBridge detail._datadog, Kinesis data and
// Step Functions input with _datadog. Lambda's header stays the parent and
// these contexts become links, one per record; see [WithEventParent] to
// make them the parent. The _datadog attribute is left in the event the
// handler gets (Datadog's library strips it; this package does not).
//
// [WithProcessingMode], or LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE, chooses
// when spans are exported: sync (the default, above), async (after the
// response has reached Lambda, from an internal extension; see
// [ProcessingModeAsync]) or finalize (by the program's own span
// processors). The default setup keeps ended spans in a queue bounded by
// LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE (2,048): a full queue is exported at
// once, never dropped, and [QueueStats] counts what was lost.
//
// For a clean shutdown when Lambda stops the execution environment, start
// the function with lambda.StartWithOptions(h, lambda.WithEnableSIGTERM(f))
// and call [Shutdown] in f.
//
//docscheck:snippet imports "context" "github.com/aws/aws-lambda-go/lambda" "github.com/otelxray/otelxray/lambdatrace"; args handler func(context.Context, map[string]any) (string, error)
package lambdatrace
