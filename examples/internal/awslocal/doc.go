// Package awslocal is a loopback stand-in for the AWS calls the examples
// make: DynamoDB PutItem and GetItem, and SQS SendMessage and
// ReceiveMessage. It speaks the JSON 1.0 protocol (X-Amz-Target) that
// aws-sdk-go-v2 uses for both services, so the real SDK clients talk to it
// once their endpoint points here: BaseEndpoint in aws.Config (see
// [Server.Config]), or AWS_ENDPOINT_URL for a program that loads its
// configuration from the environment (see [Server.Env]).
//
// It keeps everything in memory and is meant for demos and tests, not as
// an emulator: items are stored and read back by their hash key only, and
// a message is deleted as soon as it is received (there is no visibility
// timeout). It never touches the network beyond 127.0.0.1.
package awslocal
