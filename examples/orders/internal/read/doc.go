// Package read is the orders demo's GET function: GET /context returns the
// order context (the terms that apply to new orders), and GET /orders/{id}
// returns a stored order from the DynamoDB table. The deployable main is
// examples/orders/read.
package read
