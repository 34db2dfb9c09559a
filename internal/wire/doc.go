// Package wire is the X-Ray wire layout in one place: it encodes
// segment.Document values as compact JSON, trims a document that would not
// fit a datagram, and packs the documents of a batch into datagrams of at
// most 64,000 bytes, each the daemon's [Header] line followed by one document.
// No other package of otelxray writes X-Ray JSON syntax.
//
// [AppendDocument] encodes one document on its own. A [Packer] does the work
// of one export: subsegments whose parent is in the same batch are nested in
// the parent's document, so a whole invocation usually travels in one
// datagram; documents that would outgrow a datagram are split into
// independent subsegments (with type, trace_id and parent_id); a document too
// big on its own is trimmed step by step (metadata, annotations, stack frames,
// long strings, then everything but its name, IDs, times and flags), and the
// steps are noted in its metadata under "otelxray"."trimmed".
//
// The output is valid UTF-8 and valid JSON whatever the document holds:
// strings are escaped and length-limited, numbers are never NaN or infinite,
// JSON nesting stays shallow. The rules are those of "The daemon's UDP
// protocol" and "Document fields" in the project's notes on X-Ray on the wire;
// the validator (segment's Validate) checks them independently, and the fuzz
// tests hold the two against each other.
//
// [OTLPPacker] packs a batch as OTLP instead: the header, "T1S" or "T1U",
// and the padded standard base64 of an ExportTraceServiceRequest encoded
// with a small protobuf wire-format appender of its own (field numbers of
// the official OTLP protos; no protobuf module is linked), split between
// spans so every datagram stays within 64,000 bytes; the tests decode every
// datagram with the official go.opentelemetry.io/proto/otlp types and hold
// the appender byte for byte against protowire.
//
// The package does no I/O: exporter/xrayudp writes the datagrams, paces and
// counts them.
package wire
