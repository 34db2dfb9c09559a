// Package segment is the X-Ray document model of otelxray: it turns
// OpenTelemetry spans into X-Ray segment and subsegment documents and
// encodes them as compact JSON within the daemon's size limit.
//
// The package does no I/O and reads no environment variables. Sending
// documents is the job of package exporter/xrayudp; package
// segment/validate checks documents against the rules of the X-Ray wire
// format, sharing no code with this package, and the local daemon
// xraylocal uses it to lint what it receives.
//
// The mapping from span to document follows the conventions of the X-Ray
// SDKs and the OpenTelemetry Collector's awsxray exporter, stricter where
// those are lax: names are sanitized and never empty, strings are valid
// UTF-8 and length-limited, numbers are never NaN or infinite, and every
// document fits in one datagram.
package segment
