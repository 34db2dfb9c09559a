// Package awssdk traces aws-sdk-go-v2 calls for AWS X-Ray: each call becomes
// one CLIENT span that the otelxray exporter turns into an "aws" subsegment
// named after the service (DynamoDB, SQS, SNS, S3, Lambda, Kinesis, SFN,
// EventBridge, SecretsManager, STS, ...), with the fields X-Ray's service map
// reads: operation, region, request ID, retries, HTTP status,
// error/throttle/fault, and the resource the call touched (table, queue,
// topic, function, bucket and key, stream, state machine, event bus,
// secret).
//
// One line traces every client made from a configuration:
//
//	cfg, err := config.LoadDefaultConfig(ctx)
//	if err != nil {
//		log.Fatal(err)
//	}
//	awssdk.AppendMiddlewares(&cfg.APIOptions)
//	ddb := dynamodb.NewFromConfig(cfg)
//
// The spans come from the global TracerProvider (otel.SetTracerProvider)
// unless [WithTracerProvider] says otherwise.
//
// # What is recorded
//
// Request and response parameters come from the X-Ray SDK's whitelist
// (AWSWhitelist.json of github.com/aws/aws-xray-sdk-go/resources, loaded on
// first use), extended where it is silent and the service map needs a
// resource name: any call's TableName and IndexName (DynamoDB, including the
// tables of transactions), QueueUrl (SQS), TopicArn (SNS), FunctionName
// (Lambda), Bucket and Key (S3), StreamName and StreamARN (Kinesis),
// StateMachineArn and ExecutionArn (Step Functions), EventBusName
// (EventBridge, including the buses of PutEvents entries) and SecretId
// (Secrets Manager), plus item and message counts and message IDs.
// [WithWhitelist] replaces the X-Ray SDK's list.
//
// Only scalars, lists of strings, map keys and list lengths are recorded:
// never item contents, keys or expression values, message bodies or
// attribute values, payloads, statements, secret values or credentials,
// even when a whitelist names such a field. A whitelisted struct
// (ItemCollectionMetrics, which holds item keys, or table definitions) is
// left out, except ConsumedCapacity, recorded as its total capacity units.
// Request URLs are not recorded either.
//
// Values that the request does not carry can come from the context, with
// [metadata.With]; the request's own values win.
//
// # Errors and retries
//
// aws.retries is the number of attempts minus one. An HTTP 4xx response is
// an error, 5xx a fault, and a throttling error code (ThrottlingException,
// ProvisionedThroughputExceededException, SlowDown, ... as the SDK's retryer
// classifies them) or a 429 marks error and throttle. A call that failed
// without a response (a cancelled context, a network error) is a fault, as
// in the X-Ray SDKs. The error becomes the subsegment's cause.
//
// # Trace propagation
//
// Every request (every attempt) carries an X-Amzn-Trace-Id header naming the
// call's span, so that the AWS service joins the trace. It keeps the Lineage
// of the Lambda invocation's trace header (the context value
// "x-amzn-trace-id" that aws-lambda-go sets, else the header the SDK copied
// from _X_AMZN_TRACE_ID): Lambda's recursive-loop detection depends on it.
// The propagator (the global one unless [WithPropagator]) injects its own
// headers too. SQS gives the header of a SendMessage or SendMessageBatch
// request to each of its messages as the AWSTraceHeader system attribute,
// unless the caller set that attribute, so that consumers can link to the
// producer; the caller's input is not modified.
//
// # Trace context in messages
//
// Messages carry the context further than the first hop, for consumers in
// any language and behind EventBridge or Step Functions: SQS and SNS
// messages get traceparent and tracestate message attributes, EventBridge
// entries a TraceHeader and Step Functions executions a traceHeader; with
// [WithDatadogCarrier], a _datadog carrier as well, where Datadog's
// tracers put it. The client's serialized request body is edited, so no
// service client is linked and the caller's input is never modified. A
// message that already has 10 attributes, or would pass its size limit,
// gets none; an attribute the caller set is kept. The call's span says
// what was written (otelxray.propagation.injected) or how many messages got
// nothing and why (otelxray.propagation.skipped, .skip_reason).
//
// When the context holds no span, the call's span is parented to the Lambda
// invocation: from the context value "x-amzn-trace-id", else, in Lambda,
// from _X_AMZN_TRACE_ID. A header without a Parent (Lambda's PassThrough
// mode) or with Sampled=0 makes an unsampled span: nothing is sent, and the
// header passed on keeps the invocation's Root.
//
// Presign clients (s3.NewPresignClient and the like) make no span: they sign
// a URL and call nothing.
//
// # otelaws
//
// When otelaws (go.opentelemetry.io/contrib/.../otelaws) is installed on the
// same client as well, in either order, each call is still one span: this
// package finds the span otelaws started for the call and adds its
// attributes to it instead of starting a second one. X-Amzn-Trace-Id is then
// written by this package, after otelaws's propagator, so that Lineage is
// kept.
//
//docscheck:snippet imports "context" "log" "github.com/aws/aws-sdk-go-v2/config" "github.com/aws/aws-sdk-go-v2/service/dynamodb" "github.com/otelxray/otelxray/awssdk"; args ctx context.Context
package awssdk
