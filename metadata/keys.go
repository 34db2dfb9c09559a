package metadata

import "go.opentelemetry.io/otel/attribute"

// Span attribute keys that the exporter maps to the aws object of a
// subsegment (namespace "aws"). Any other attribute named aws.<snake_case>
// becomes the request parameter <snake_case> of that object.
const (
	// TableNameKey is a DynamoDB table name: aws.table_name.
	TableNameKey attribute.Key = "aws.table_name"
	// TableNamesKey lists the DynamoDB tables of a batch or transaction (a
	// string slice): aws.table_names when several, else aws.table_name.
	TableNamesKey attribute.Key = "aws.dynamodb.table_names"
	// QueueURLKey is an SQS queue URL: aws.queue_url.
	QueueURLKey attribute.Key = "aws.queue_url"
	// TopicARNKey is an SNS topic ARN: aws.topic_arn.
	TopicARNKey attribute.Key = "aws.topic_arn"
	// FunctionNameKey is a Lambda function name or ARN: aws.function_name.
	FunctionNameKey attribute.Key = "aws.function_name"
	// BucketNameKey is an S3 bucket: aws.bucket_name.
	BucketNameKey attribute.Key = "aws.bucket_name"
	// KeyNameKey is an S3 object key: aws.key_name.
	KeyNameKey attribute.Key = "aws.key_name"
	// IndexNameKey is a DynamoDB index: aws.index_name.
	IndexNameKey attribute.Key = "aws.index_name"
	// StreamNameKey is a Kinesis stream: aws.stream_name.
	StreamNameKey attribute.Key = "aws.stream_name"
	// StateMachineARNKey is a Step Functions state machine: aws.state_machine_arn.
	StateMachineARNKey attribute.Key = "aws.state_machine_arn"
	// EventBusNameKey is an EventBridge event bus: aws.event_bus_name.
	EventBusNameKey attribute.Key = "aws.event_bus_name"
	// SecretIDKey is a Secrets Manager secret name or ARN (never its value):
	// aws.secret_id.
	SecretIDKey attribute.Key = "aws.secret_id"
	// AccountIDKey is the AWS account that owns the resource: aws.account_id.
	AccountIDKey attribute.Key = "aws.account_id"
	// RegionKey is the region the call was sent to: aws.region.
	RegionKey attribute.Key = "aws.region"
	// RequestIDKey is the request ID the service returned: aws.request_id.
	RequestIDKey attribute.Key = "aws.request_id"
	// RetriesKey is the number of retries of a call (attempts minus one):
	// aws.retries.
	RetriesKey attribute.Key = "aws.retries"
)

// Attribute keys with a meaning of their own to the exporter.
const (
	// AnnotationsKey names, as a string slice, the attributes of a span that
	// become annotations. See [Annotate].
	AnnotationsKey attribute.Key = "aws.xray.annotations"
	// ThrottleKey, a bool, marks a call as throttled (error and throttle in
	// the document) when no HTTP 429 says so, e.g. a DynamoDB
	// ProvisionedThroughputExceededException.
	ThrottleKey attribute.Key = "aws.xray.throttle"
	// CutAtDeadlineKey, a bool, marks a span that lambdatrace ended because
	// its invocation ran past the deadline (the span was still open when
	// the invocation was cut, shortly before Lambda stops the process).
	CutAtDeadlineKey attribute.Key = "lambdatrace.cut_at_deadline"
	// SamplingRuleKey, a string, names the X-Ray sampling rule that sampled
	// a trace: sampler/xraysampler sets it on the spans it decides for (root
	// spans, parent-based). The exporter keeps it as any other attribute, in
	// the segment's default metadata namespace (not an annotation, so it
	// costs none of the 50), where xraylocal reads it back.
	SamplingRuleKey attribute.Key = "aws.xray.sampling_rule"
	// NamespaceKeyPrefix starts the span attributes whose value, a JSON
	// object as a string, becomes a metadata namespace of its own:
	// aws.xray.metadata.<namespace>.
	NamespaceKeyPrefix = "aws.xray.metadata."
)

// ParamKeyPrefix starts the key of every aws parameter attribute.
const ParamKeyPrefix = "aws."
