// Package post is the orders demo's POST /orders function: it asks read
// for the order context over HTTP (through the API, continuing the trace),
// stores the order in the DynamoDB table, and sends a change message with
// the context to the SQS queue. The deployable main is examples/orders/post.
package post
