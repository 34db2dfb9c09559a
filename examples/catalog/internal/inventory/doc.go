// Package inventory is the catalog's inventory function: it consumes the
// PriceCalculated events an EventBridge rule sends to an SQS queue, and
// starts the restock workflow (Step Functions) for each product.
package inventory
