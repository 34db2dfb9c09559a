// Package lambdatrace traces AWS Lambda invocations of Go functions with
// OpenTelemetry and sends them to X-Ray through the xrayudp exporter. In
// main:
//
//	lambda.Start(lambdatrace.Wrap(handler))
//
// [Wrap] with no options builds the recommended setup once, when it is
// called (during the function's init phase): the xrayudp exporter in Lambda
// mode, the X-Ray ID generator, a parent-based sampler, the X-Ray propagator
// and a Lambda resource. It installs them as the OpenTelemetry globals unless
// the program already set a TracerProvider, so otel.Tracer inside the handler
// and the awssdk middleware just work.
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
//     background goroutine is involved.
//
// With Sampled=0, or a header without Parent (PassThrough mode), nothing is
// sent, but the context still carries the trace downstream.
//
// For a clean shutdown when Lambda stops the execution environment, start
// the function with lambda.StartWithOptions(h, lambda.WithEnableSIGTERM(f))
// and call [Shutdown] in f.
//
//docscheck:snippet imports "context" "github.com/aws/aws-lambda-go/lambda" "github.com/otelxray/otelxray/lambdatrace"; args handler func(context.Context, map[string]any) (string, error)
package lambdatrace
