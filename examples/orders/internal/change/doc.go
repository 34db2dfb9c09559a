// Package change is the orders demo's handle-change function: it consumes
// the order-changes queue (an SQS event source) and marks each order
// processed in the DynamoDB table. lambdatrace links its invocation to the
// trace of every message's producer (the AWSTraceHeader attribute). The
// deployable main is examples/orders/handle-change.
package change
