// Package fakeruntime is a local stand-in for the AWS Lambda Runtime API,
// for tests and local demos that run real aws-lambda-go handler loops: point
// AWS_LAMBDA_RUNTIME_API at Runtime.Addr and call Invoke. Unlike the AWS
// runtime interface emulator it hands each invocation a trace header
// (Lambda-Runtime-Trace-Id), the way Lambda does.
package fakeruntime
