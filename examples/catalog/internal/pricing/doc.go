// Package pricing is the catalog's pricing function: for each product
// change it gets from SNS, it publishes a PriceCalculated event to
// EventBridge (and one for analytics).
package pricing
