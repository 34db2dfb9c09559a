// Package awslocal is a loopback stand-in for the AWS calls the examples
// make: DynamoDB PutItem and GetItem, SQS SendMessage and ReceiveMessage,
// SNS Publish, EventBridge PutEvents and Step Functions StartExecution. It
// speaks the protocols aws-sdk-go-v2 uses (JSON 1.0 and 1.1 with
// X-Amz-Target; the query protocol for SNS), so the real SDK clients talk to
// it once their endpoint points here: BaseEndpoint in aws.Config (see
// [Server.Config]), or AWS_ENDPOINT_URL for a program that loads its
// configuration from the environment (see [Server.Env]).
//
// SNS topics deliver to SQS queues (raw or as the SNS envelope) and to
// Lambda functions; EventBridge rules match an event's source and
// detail-type and deliver to queues and functions; a state machine is one
// Task state invoking a function. Lambda deliveries are asynchronous
// invocations through an [Invoker]. Each carries the trace header as AWS
// does: the request's X-Amzn-Trace-Id (or the entry's TraceHeader,
// the execution's traceHeader) becomes the invocation's trace and the
// messages' AWSTraceHeader; message attributes and bodies travel as sent,
// so traceparent and _datadog carriers survive.
//
// It keeps everything in memory and is meant for demos and tests, not as
// an emulator: items are stored and read back by their hash key only, and
// a message is deleted as soon as it is received (there is no visibility
// timeout). It never touches the network beyond 127.0.0.1.
package awslocal
