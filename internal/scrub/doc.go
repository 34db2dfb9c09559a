// Package scrub removes credentials and secrets from the strings an
// exporter sends: user:password@ in URLs and password=, passwd= and pwd=
// settings in connection strings. Every exporter of this module runs the
// strings it sends through it; it knows no exporter.
package scrub
