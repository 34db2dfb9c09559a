package datadog_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/fakeagent"
)

// A Datadog-only span naming its child (an inferred span over the
// invocation span) becomes that child's parent, in one export or across
// exports, and the mark is not sent; Datadog's reserved attributes set the
// span's name, resource, service and type.
func TestChildKeyAdoptsTheNamedSpan(t *testing.T) {
	upstream := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{15: 1}, SpanID: trace.SpanID{7: 0x99}, TraceFlags: 1, Remote: true})
	for _, tc := range []struct {
		name     string
		syncer   bool // one export per span, the inferred span first
		noParent bool // the inferred span has no upstream
	}{
		{"one batch", false, false},
		{"span by span", true, false},
		{"no upstream", false, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			a := fakeagent.Start(t)
			exp := newExporter(t, a)
			rec := tracetest.NewSpanRecorder()
			opt := sdktrace.WithSpanProcessor(rec)
			if tc.syncer {
				opt = sdktrace.WithSyncer(exp)
			}
			tp := sdktrace.NewTracerProvider(opt)
			parent := upstream
			ctx := trace.ContextWithRemoteSpanContext(context.Background(), parent)
			if tc.noParent {
				ctx = context.Background()
			}
			ictx, inv := tp.Tracer("lambdatrace").Start(ctx, "invocation", trace.WithSpanKind(trace.SpanKindServer))
			_, call := tp.Tracer("work").Start(ictx, "work")
			call.End()
			pctx := ctx
			if tc.noParent {
				// No upstream: the span's parent is the span it names.
				pctx = trace.ContextWithRemoteSpanContext(context.Background(), inv.SpanContext().WithRemote(true))
			}
			_, inf := tp.Tracer(ddtrace.OnlyScope).Start(pctx, "aws.sqs", trace.WithSpanKind(trace.SpanKindServer),
				trace.WithAttributes(attribute.String("operation.name", "aws.sqs"), attribute.String("resource.name", "orders"),
					attribute.String("service.name", "orders-queue"), attribute.String("span.type", "web"),
					attribute.String(ddtrace.ChildKey, inv.SpanContext().SpanID().String())))
			inf.End()
			inv.End()
			if !tc.syncer {
				if err := exp.ExportSpans(context.Background(), rec.Ended()); err != nil {
					t.Fatal(err)
				}
			}
			spans, _ := a.Received()
			if len(spans) != 3 {
				t.Fatalf("%d spans, want 3", len(spans))
			}
			id := func(s map[string]any, k string) uint64 { return fakeagent.Norm(s[k]).(uint64) }
			invs, infs, work := fakeagent.ByResource(spans, "invocation"), fakeagent.ByResource(spans, "orders"), fakeagent.ByResource(spans, "work")
			if invs == nil || infs == nil || work == nil {
				t.Fatalf("spans = %v", spans)
			}
			if id(invs, "parent_id") != id(infs, "span_id") {
				t.Errorf("invocation's parent = %x, want the inferred span %x", id(invs, "parent_id"), id(infs, "span_id"))
			}
			if id(work, "parent_id") != id(invs, "span_id") {
				t.Errorf("the work span moved: %v", work)
			}
			wantParent := ddtrace.SpanID(upstream.SpanID())
			if tc.noParent {
				wantParent = 0
			}
			if id(infs, "parent_id") != wantParent {
				t.Errorf("inferred span's parent = %x, want %x", id(infs, "parent_id"), wantParent)
			}
			meta := infs["meta"].(map[string]any)
			if infs["name"] != "aws.sqs" || infs["service"] != "orders-queue" || infs["type"] != "web" || meta["span.kind"] != "server" {
				t.Errorf("inferred span = %v", infs)
			}
			for _, k := range []string{ddtrace.ChildKey, "operation.name", "resource.name", "service.name", "span.type"} {
				if _, ok := meta[k]; ok {
					t.Errorf("%s was sent as a tag", k)
				}
			}
		})
	}
}
