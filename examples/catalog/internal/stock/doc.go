// Package stock is the restock workflow's Task (a Lambda function Step
// Functions invokes): it records the product's stock in DynamoDB.
package stock
