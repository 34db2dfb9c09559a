// Package order holds what the orders demo's functions share: the order
// and its context, how an order is stored in DynamoDB, the message sent on
// each change, the functions' settings from the environment, and the AWS
// client configuration.
package order
