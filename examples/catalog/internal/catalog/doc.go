// Package catalog holds what the catalog demo's functions share: their
// settings from the environment, the AWS configuration with every call
// traced, the events they exchange and the log format.
package catalog
