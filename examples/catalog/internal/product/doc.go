// Package product is the catalog's product API (API Gateway): POST
// /products and PUT /products/{id} store a product in DynamoDB and publish
// the change to SNS (and an event for analytics to EventBridge); GET
// /products/{id} reads one.
package product
