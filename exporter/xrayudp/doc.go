// Package xrayudp is an OpenTelemetry span exporter that sends spans to the
// AWS X-Ray daemon as X-Ray segment documents over UDP, the way the X-Ray
// SDKs do, with no collector process in between.
//
// Use it like any [sdktrace.SpanExporter], with the X-Ray ID generator so
// that trace IDs carry the epoch X-Ray expects:
//
//	exp, err := xrayudp.New()
//	if err != nil {
//		log.Fatal(err)
//	}
//	tp := sdktrace.NewTracerProvider(
//		sdktrace.WithBatcher(exp), // or WithSyncer in AWS Lambda
//		sdktrace.WithIDGenerator(xray.NewIDGenerator()))
//
// The daemon address comes from [WithEndpoint], else AWS_XRAY_DAEMON_ADDRESS
// (host:port, or "udp:host:port tcp:host:port"), else 127.0.0.1:2000.
//
// In AWS Lambda (AWS_LAMBDA_FUNCTION_NAME set, or [WithLambda](true)) every
// span becomes a subsegment; spans whose parent is the function's own segment
// (a remote parent, from the invocation's trace header) are sent as
// independent subsegments of it, and spans without any parent are dropped
// with their descendants in the same batch.
//
// Within one ExportSpans call, children whose parent is in the same batch are
// nested in the parent's document, so a whole invocation usually travels in
// one datagram. Every datagram stays within 64,000 bytes: documents that
// would not fit are split into independent subsegments, and a span too big
// on its own is trimmed (the trimmed fields are named in its metadata under
// "otelxray"). The exporter translates spans with package segment, leaves the
// JSON layout and the packing to otelxray's internal wire package, and itself
// writes, paces and counts the finished datagrams. Nothing blocks or panics:
// what could not be sent is counted in [Exporter.Stats], and each
// ExportSpans call returns at most one error. A daemon that is not running
// shows as refusals (ICMP port unreachable) reported on later writes; see
// [Stats].
//
// [WithFormat]([FormatOTLP]) (or OTEL_XRAY_UDP_FORMAT=otlp) sends OTLP
// instead, as AWS's own Lambda exporters do: the daemon's header line, "T1S"
// and the standard base64 of an OTLP ExportTraceServiceRequest. The same
// spans are sent (the same Lambda rules), under the same limits: whole spans
// per datagram, root first, each resource and scope once per datagram, a
// span too big on its own trimmed (named in its otelxray.trimmed
// attribute), the same Stats, pacing and errors. [WithUnsampledSpans] adds
// the unsampled spans, behind "T1U" in datagrams of their own.
//
// UDP cannot report loss: Stats.Sent counts spans written to the socket, not
// spans the daemon received. To make loss unlikely, a large flush sends the
// documents nearest the root first (a receiver that falls behind loses
// leaves, not the trace's root) and pauses between windows for the
// receiver (see [WithPacing]).
//
//docscheck:snippet imports "log" "go.opentelemetry.io/contrib/propagators/aws/xray" sdktrace "go.opentelemetry.io/otel/sdk/trace" "github.com/otelxray/otelxray/exporter/xrayudp"
package xrayudp
