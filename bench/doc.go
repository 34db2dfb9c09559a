// Package bench measures otelxray against the X-Ray SDK for Go and against
// the physical floor of writing the same datagrams. It is a nested module so
// that users never inherit the X-Ray SDK. See README.md for the results and
// the command that reproduces them.
package bench
