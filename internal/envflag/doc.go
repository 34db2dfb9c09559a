// Package envflag parses the boolean and list environment variables the
// library reads, the way the OpenTelemetry specification asks: "true" and
// "false" in any case, anything else reported and taken as the default.
package envflag
