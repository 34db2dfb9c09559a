// Package clienttest tests package awssdk with real aws-sdk-go-v2 clients
// (DynamoDB, SQS, SNS, S3, Lambda, STS) against a local stand-in for AWS,
// next to otelaws, and benchmarks a traced call. It is a nested module so
// that the clients and otelaws stay out of otelxray's own go.mod.
package clienttest
