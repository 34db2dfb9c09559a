// Package ddlambda is Datadog's Lambda integration for functions wrapped by
// lambdatrace and traced to Datadog by exporter/datadog. Its name is the
// name of Datadog's own Go package for Lambda; it needs no dd-trace-go.
//
// [Enable] is the one-line setup: X-Ray and Datadog, configured from the
// DD_* variables, with every invocation recorded for Datadog whatever
// X-Ray sampled, Datadog's sampling priority, the aws.lambda span as
// Datadog shows it, a cold-start span, the inferred spans of the service
// that invoked the function ([WithInferredSpans]) and metrics over
// DogStatsD ([Metrics], [Distribution], [Gauge], [Count];
// [WithMetricsOptions]), in
// lambda.Start(lambdatrace.Wrap(handler, ddlambda.Enable())). The context
// an event carries stays a span link unless
// lambdatrace.WithEventParent is added.
//
// By hand, two lambdatrace options tie a function to Datadog:
//
//   - [Extension] calls the Datadog Lambda Extension's start-invocation and
//     end-invocation endpoints, so that Datadog shows its aws.lambda span
//     with ours under it (the extension builds it with the invocation
//     span's ID, and the exporter then leaves that span out). Where the
//     extension is not installed (no /opt/extensions/datadog-agent), it
//     does nothing.
//   - [XRayMerge] sends the datadog-metadata subsegment through the X-Ray
//     exporter so that Datadog can merge the X-Ray trace with its own.
//
// Both go to lambdatrace.Wrap:
//
//	dd, err := datadog.New()
//	if err != nil {
//		log.Fatal(err)
//	}
//	xr, err := xrayudp.New(xrayudp.WithLambda(true))
//	if err != nil {
//		log.Fatal(err)
//	}
//	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(xr), sdktrace.WithBatcher(dd),
//		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
//	lambda.Start(lambdatrace.Wrap(handler, lambdatrace.WithTracerProvider(tp),
//		ddlambda.Extension(dd), ddlambda.XRayMerge()))
//
// By hand, Datadog sees an invocation's spans only when X-Ray samples it
// (Enable records them all). Error
// messages and stacks sent to the extension are rid of credentials
// (user:password@, password=); the event and the response go as they are,
// since the extension reads them to tag the invocation.
//
//docscheck:snippet imports "context" "log" "github.com/aws/aws-lambda-go/events" "github.com/aws/aws-lambda-go/lambda" "go.opentelemetry.io/contrib/propagators/aws/xray" sdktrace "go.opentelemetry.io/otel/sdk/trace" "github.com/otelxray/otelxray/ddlambda" "github.com/otelxray/otelxray/exporter/datadog" "github.com/otelxray/otelxray/exporter/xrayudp" "github.com/otelxray/otelxray/lambdatrace"; args handler func(context.Context, events.SQSEvent) (events.SQSEventResponse, error)
package ddlambda
