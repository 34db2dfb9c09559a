// Package ddlocal is a local stand-in for the Datadog Agent, for tests and
// demos: it receives traces on the v0.4 intake (PUT or POST /v0.4/traces,
// msgpack) and metrics over DogStatsD (UDP, name:value|type|@rate|#tags
// lines), decodes them, and keeps them to read, wait for and print, with no
// Datadog account and nothing leaving 127.0.0.1.
//
//	dd, err := ddlocal.Start()
//	if err != nil {
//		t.Fatal(err)
//	}
//	defer dd.Close()
//	exp, err := datadog.New(datadog.WithAgentURL(dd.URL()))
//	if err != nil {
//		t.Fatal(err)
//	}
//	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
//	_, span := tp.Tracer("test").Start(ctx, "checkout")
//	span.End()
//	if err := dd.WaitFor(ctx, func(st ddlocal.Stats) bool { return st.Spans >= 1 }); err != nil {
//		t.Fatal(err)
//	}
//	for _, tr := range dd.Traces() {
//		_ = tr.WriteTree(os.Stdout)
//	}
//
// [Server.Env] gives the variables a Datadog tracer or DogStatsD client
// reads (DD_TRACE_AGENT_URL, DD_DOGSTATSD_URL, DD_AGENT_HOST,
// DD_DOGSTATSD_PORT). The decoder is this package's own, on
// github.com/tinylib/msgp; it reads what the agent reads (unknown keys
// skipped, nil values, signed or unsigned integers) and checks every
// length against the payload's size, so a hostile payload gets a 400 and a
// count in [Stats], never a panic or an allocation beyond its size. The
// spans and metric values kept are bounded ([WithMaxSpans],
// [WithMaxMetrics]); what is over is counted.
//
// Spans are grouped into traces by the low 64 bits of their trace ID, and
// [Trace.XRayTraceID] gives the 128-bit ID in X-Ray's form (from
// _dd.p.tid), to find the same trace in xraylocal.
//
//docscheck:snippet imports "context" "os" "testing" sdktrace "go.opentelemetry.io/otel/sdk/trace" "github.com/otelxray/otelxray/ddlocal" "github.com/otelxray/otelxray/exporter/datadog"; args t *testing.T, ctx context.Context
package ddlocal
