// Package segment is the X-Ray document model of otelxray: it turns
// OpenTelemetry spans into X-Ray segment and subsegment documents (plain Go
// values, see [Document] and [Translator]).
//
// The package does no I/O, reads no environment variables and writes no
// JSON: encoding documents, trimming them to the daemon's size limit and
// packing them into datagrams is the job of otelxray's internal wire package,
// and sending them that of package exporter/xrayudp. Package
// segment/validate checks documents against the rules of the X-Ray wire
// format, sharing no code with this package or the encoder; the local daemon
// xraylocal uses it to lint what it receives.
//
// The mapping from span to document follows the conventions of the X-Ray
// SDKs and the OpenTelemetry Collector's awsxray exporter, stricter where
// those are lax: names are sanitized and never empty, strings are valid
// UTF-8 and length-limited (see the Max constants), and every value a
// document holds can be encoded within one datagram.
//
// An exporter translating batch after batch passes a [Scratch] to
// [Translator.TranslateWith]: the documents' objects and lists then come from
// memory reused between batches. A span costs no allocation then unless its
// document needs a string built or rewritten (a URL from its parts, a SQL
// locator, a scrubbed value) or has exceptions or links.
package segment
