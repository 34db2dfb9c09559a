// Package lambdasim plays the AWS Lambda service on loopback, for the
// examples (orders, catalog): it runs each function as a real aws-lambda-go process
// against a Runtime API of its own, and invokes it the way Lambda does,
// with a trace header per invocation.
//
//   - [Service.Start] starts a function's process with the variables Lambda
//     sets (AWS_LAMBDA_RUNTIME_API, AWS_LAMBDA_FUNCTION_NAME,
//     AWS_XRAY_DAEMON_ADDRESS, ...).
//   - [Function.Invoke] continues the caller's trace (its Root, with the
//     caller's (sub)segment as parent) or starts a new one, hands the
//     function Root, Parent and Sampled=1 in Lambda-Runtime-Trace-Id, and
//     sends the function segment that Lambda itself sends to X-Ray, with the
//     id the header's Parent names.
//   - [Service.NewAPI] is an API Gateway REST API in front of functions:
//     HTTP requests become events.APIGatewayProxyRequest events, and a
//     request's X-Amzn-Trace-Id is continued as Lambda continues it.
//   - [Service.NewSQSSource] is an event source mapping: it polls a queue
//     with ReceiveMessage and invokes a function with events.SQSEvent
//     batches whose records carry the AWSTraceHeader attribute.
//
// Where it differs from Lambda: each function has one execution
// environment, so its invocations run one at a time; every invocation is
// sampled; and the function segment is sent without an origin, because
// validate.Datagram (and so xraylocal) accepts only the origins that code
// other than Lambda may send.
package lambdasim
