// Package lambdatest tests that a Lambda function's traces are connected,
// in the function's own Go tests, with no AWS account: it runs the handler
// (wrapped with lambdatrace) in aws-lambda-go's real invoke loop against a
// fake Lambda Runtime API, or in-process, hands each invocation a trace
// header as Lambda does, collects what reaches an embedded xraylocal (X-Ray
// documents over a real UDP socket) and a Datadog agent stand-in
// (package ddlocal), and checks the trace's shape in a few calls:
//
//	// in func TestOrder(t *testing.T):
//	h := lambdatest.New(t)                  // before Wrap: it sets the variables
//	f := h.Start(lambdatrace.Wrap(handler)) // or h.Direct, in-process
//	inv := f.Invoke(t, events.APIGatewayProxyRequest{HTTPMethod: "POST", Path: "/orders"})
//	inv.NoError(t)
//	inv.OneTrace(t)
//	inv.HasSubsegment(t, "DynamoDB", lambdatest.Table("orders"))
//	inv.NoInvalidDocuments(t)
//
// A failing check says what is wrong and prints the invocation's traces as
// trees, X-Ray's and Datadog's.
//
// # The environment
//
// [New] starts the collectors on free ports and sets, with t.Setenv, the
// variables Lambda sets (AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, ...),
// AWS_XRAY_DAEMON_ADDRESS and the Datadog agent's (DD_TRACE_AGENT_URL,
// DD_DOGSTATSD_URL, DD_AGENT_HOST, DD_DOGSTATSD_PORT). Build the handler
// after New: lambdatrace.Wrap and the exporters read them then. Tests that
// set variables cannot run in parallel; [WithoutSetenv] leaves the
// environment alone and [Harness.Env] and [Harness.DaemonAddr] give the
// values to configure exporters explicitly. Every harness has its own
// sockets; nothing is shared between harnesses.
//
// # Running the handler
//
// [Harness.Start] runs lambda.StartWithOptions in a goroutine, so the
// handler goes through aws-lambda-go exactly as in Lambda: the Runtime API
// client, the event's JSON decoding, the context (deadline, lambdacontext,
// the trace header) and the response. lambda.Start never returns and exits
// the process when its Runtime API closes, so the fake Runtime API stays up,
// idle, until the test binary exits. [Harness.Direct] calls the handler
// through lambda.NewHandler with the same context, without the loop. In
// both, a panic fails the invocation instead of the test binary.
//
// # Invocations
//
// [Function.Invoke] encodes the event as JSON (the aws-lambda-go event
// types, or any value), hands it over with a new header that says Sampled=1
// ([WithoutSampling] for Sampled=0, [WithTraceHeader] for your own), and
// returns once the function has answered and xraylocal and DogStatsD have
// processed every datagram the function wrote before answering (a marker
// datagram on the same socket tells); [Invocation.Metrics] and
// [Invocation.HasMetric] are its DogStatsD values. For a sampled header it records the function segment
// Lambda itself would send, so that the function's documents have their
// parent. [SQSEvent], [SNSEvent] and [EventBridgeEvent] build events that
// carry an invocation's [Invocation.SpanContext], to check that a consumer
// links to its producer with [Invocation.LinkedTo].
//
// # One harness per test binary with lambdatrace's default setup
//
// lambdatrace.Wrap without options installs its provider as the
// OpenTelemetry globals once per process; a later Wrap in the same test
// binary reuses it, and so writes to the first harness. Tests with several
// harnesses wrap with lambdatrace.WithoutGlobals() (and give the AWS SDK
// middleware the provider) or lambdatrace.WithTracerProvider;
// [Invocation.OneTrace] says so when a harness receives nothing from its
// function.
//
//docscheck:snippet imports "context" "testing" "github.com/aws/aws-lambda-go/events" "github.com/otelxray/otelxray/lambdatest" "github.com/otelxray/otelxray/lambdatrace"; args t *testing.T, handler func(context.Context, events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error)
package lambdatest
