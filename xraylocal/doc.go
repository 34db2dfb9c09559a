// Package xraylocal is a local AWS X-Ray daemon for development and tests:
// it receives segment documents over UDP exactly as the X-Ray daemon does,
// tells you which rule each document breaks, assembles traces, and draws
// the service map as the X-Ray console would, in seconds and with no AWS
// account.
//
// # Protocol
//
// Each datagram is read with the daemon's 64 KiB buffer and split at its
// first newline. Like the daemon, xraylocal drops a datagram without a
// document after the header, or whose header it does not accept (it decodes
// the header as Go's encoding/json does, so key case and extra keys do not
// matter; format must be "json" and version 1). Every datagram is also
// checked with validate.Datagram (package segment/validate), and each problem is listed with
// its rule (header, one-document, json, size, id, trace_id, ...) and the
// JSON path of the field. Documents the daemon would forward are assembled
// even when they break a rule, marked with their problems; [WithStrict]
// leaves them out instead. Documents that are not one JSON object with an
// id and a trace_id are rejected, as X-Ray rejects them.
//
// OTLP datagrams on the same port (the header, then "T1S" or "T1U" and the
// base64 of an OTLP ExportTraceServiceRequest, what xrayudp's FormatOTLP and
// AWS's own Lambda exporters send) are decoded with the official OTLP
// protos and checked by rules of their own (otlp.size, otlp.base64,
// otlp.proto, otlp.trace_id, otlp.span_id, otlp.parent_id, otlp.time,
// otlp.resource, otlp.empty), each with the path of the field. Their spans
// are translated into the documents xrayudp would have sent for them (in
// Lambda mode when the resource is a Lambda function's) and assembled like
// any other; [TraceSummary].Format says "otlp" for such a trace. -forward
// relays both formats unchanged.
//
// # Traces
//
// Documents are assembled as X-Ray does: subsegments nested in a document
// and independent subsegments (type "subsegment", with parent_id) join
// their parents whatever the order of arrival; for each id the complete
// document replaces an in-progress one. A document whose parent has not
// arrived is an orphan: its trace waits for the parent up to
// [WithOrphanTimeout] before it is reported complete. In AWS Lambda the
// parent of a function's subsegments is the segment Lambda itself sends,
// so locally it never arrives; the service map then draws the function as
// X-Ray does. Complete traces are printed as trees with [WithTraceOutput],
// and every accepted document can be written as JSON Lines with
// [WithDocumentOutput].
//
// # Service map
//
// [Server.ServiceMap] has a node per service (segment name and origin), per
// Lambda function, per AWS resource called (DynamoDB table, SQS queue, SNS
// topic, S3 bucket, invoked Lambda function, or the AWS service), per
// remote host and per SQL database, and the client node; edges and nodes
// carry request, error, throttle and fault counts and latency percentiles.
// [ServiceMap.WriteSVG] draws it.
//
// # Web UI and API
//
// With [WithHTTPAddr], or through [Server.Handler], xraylocal serves a web
// UI (the service map, the trace list with a filter, a trace's waterfall,
// the problems) that works offline: its HTML, CSS and JavaScript are
// embedded and it loads nothing from elsewhere. The same data is served as
// JSON: GET /api/traces, /api/traces/{id}, /api/servicemap and
// /api/problems.
//
// # Memory
//
// Everything is bounded: the newest traces are kept ([WithMaxTraces],
// [WithMaxBytes]; evictions are counted), the spans per trace
// ([WithMaxSpansPerTrace]), the problems list ([WithMaxProblems]), the
// nesting followed (256 levels of subsegments; a document nesting JSON
// more than 1,024 levels deep is left out before it is decoded) and the
// nodes drawn (300). The memory estimate counts what the decoded objects
// of each span really take on the heap.
//
// # Embedding
//
// In a test, start a daemon on a free port, point the exporter at it, wait
// for the documents and read the map:
//
//	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"))
//	if err != nil {
//		t.Fatal(err)
//	}
//	defer srv.Close()
//	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()))
//	if err != nil {
//		t.Fatal(err)
//	}
//	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
//	_, span := tp.Tracer("test").Start(ctx, "checkout")
//	span.End()
//	if err := srv.WaitDocuments(ctx, 1); err != nil {
//		t.Fatal(err)
//	}
//	for _, tr := range srv.Traces("") {
//		t.Log(tr.ID, tr.Services, srv.ServiceMap())
//	}
//
// The command cmd/xraylocal runs it from the shell.
//
//docscheck:snippet imports "context" "testing" sdktrace "go.opentelemetry.io/otel/sdk/trace" "github.com/otelxray/otelxray/exporter/xrayudp" "github.com/otelxray/otelxray/xraylocal"; args t *testing.T, ctx context.Context
package xraylocal
