// Package fakeruntime is a local stand-in for the AWS Lambda Runtime API,
// for tests and local demos that run real aws-lambda-go handler loops: point
// AWS_LAMBDA_RUNTIME_API at Runtime.Addr and call Invoke. Unlike the AWS
// runtime interface emulator it hands each invocation a trace header
// (Lambda-Runtime-Trace-Id), the way Lambda does.
//
// It serves the Extensions API for internal extensions too (register and
// event/next): an extension registered for INVOKE receives each
// invocation's event when the function takes it, and the next invocation
// waits until every such extension has asked for its next event, as
// Lambda's invoke phase does. Runtime.Events logs every step in order.
package fakeruntime
