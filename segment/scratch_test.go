package segment_test

import (
	"bytes"
	"fmt"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// TestTranslateWithMatchesTranslate translates every golden case, as one
// batch through one Scratch, three times with a Reset between: each document
// must encode as Translate's does, after the later documents of its batch
// were translated (nothing is shared or overwritten).
func TestTranslateWithMatchesTranslate(t *testing.T) {
	cases := goldenCases()
	var sc segment.Scratch
	for round := range 3 {
		docs := make([]segment.Document, len(cases))
		for i, c := range cases {
			tr := segment.NewTranslator(c.cfg)
			docs[i], _ = tr.TranslateWith(&sc, c.span().Snapshot())
		}
		for i, c := range cases {
			tr := segment.NewTranslator(c.cfg)
			want, _ := encode(tr, c.span().Snapshot())
			if got := wire.AppendDocument(nil, &docs[i]); !bytes.Equal(got, want) {
				t.Fatalf("round %d, %s:\n got %s\nwant %s", round, c.name, got, want)
			}
		}
		sc.Reset()
	}
}

// TestScratchCachesAreBounded feeds spans with ever-new annotation keys and
// annotation lists: every document stays right.
func TestScratchCachesAreBounded(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{IndexAll: true})
	var sc segment.Scratch
	for i := range 2000 {
		k := fmt.Sprintf("key.%d", i)
		s := stub("op", trace.SpanKindServer, remoteParent(), attribute.String(k, "v"),
			attribute.StringSlice("aws.xray.annotations", []string{k}))
		d, _ := tr.TranslateWith(&sc, s.Snapshot())
		if want := fmt.Sprintf("key_%d", i); len(d.Annotations) != 1 || d.Annotations[0].Key != want {
			t.Fatalf("span %d: annotations %v, want one %s", i, d.Annotations, want)
		}
		sc.Reset()
	}
}

// TestTranslateWithAllocations checks that a span without HTTP, SQL or
// exception data costs no allocation once the Scratch has grown.
func TestTranslateWithAllocations(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	s := stub("GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders"),
		attribute.String("meta.note", "item 1"), attribute.String("order.id", "42"),
		attribute.StringSlice("aws.xray.annotations", []string{"order.id"})).Snapshot()
	tables := stub("GetItem", trace.SpanKindClient, localParent(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}), attribute.Int("meta.c", 3)).Snapshot()
	var sc segment.Scratch
	allocs := testing.AllocsPerRun(100, func() {
		for range 5 {
			tr.TranslateWith(&sc, s)
			tr.TranslateWith(&sc, tables)
		}
		sc.Reset()
	})
	if allocs != 0 {
		t.Errorf("%v allocations per 10 spans, want 0", allocs)
	}
}

// richSpan is a span with HTTP, SQL, exception or link data, and the
// allocations its translation may cost once the Scratch has grown.
type richSpan struct {
	name   string
	span   tracetest.SpanStub
	allocs float64
}

// richSpans are an HTTP server and client span, a SQL query, a failure
// with a Go stack, an invocation linked to three messages, and two URLs
// with secrets to cut out (one allocation each: the rewritten string).
func richSpans() []richSpan {
	failed := stub("charge", trace.SpanKindInternal, localParent())
	failed.Status = sdktrace.Status{Code: codes.Error, Description: "failed"}
	failed.Events = []sdktrace.Event{{Name: "exception", Attributes: []attribute.KeyValue{
		attribute.String("exception.type", "*errors.errorString"), attribute.String("exception.message", "card declined"),
		attribute.String("exception.stacktrace", "goroutine 7 [running]:\nmain.charge(0x1)\n\t/app/main.go:10 +0x1d\n"+
			"created by main.start in goroutine 1\n\t/app/main.go:3 +0x2a\n")}}}
	linked := stub("orders", trace.SpanKindServer, remoteParent(), attribute.String("faas.trigger", "pubsub"))
	for i := range 3 {
		linked.Links = append(linked.Links, sdktrace.Link{
			SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: trace.SpanID{1, byte(i + 1)}}),
			Attributes:  []attribute.KeyValue{attribute.String("messaging.message.id", "m-1"), attribute.Int("n", i)},
		})
	}
	return []richSpan{
		{"http server", stub("GET /orders", trace.SpanKindServer, localParent(),
			attribute.String("http.request.method", "GET"), attribute.String("url.full", "https://api.example.com/orders/42?x=1"),
			attribute.Int("http.response.status_code", 503), attribute.String("user_agent.original", "curl/8"),
			attribute.String("client.address", "10.0.0.1")), 0},
		{"http client", stub("GET", trace.SpanKindClient, localParent(),
			attribute.String("http.request.method", "GET"), attribute.String("url.full", "https://api.example.com/x?a=b"),
			attribute.Int("http.response.status_code", 200)), 0},
		{"sql", stub("SELECT", trace.SpanKindClient, localParent(),
			attribute.String("db.system.name", "postgresql"), attribute.String("db.namespace", "orders"),
			attribute.String("db.query.text", "SELECT * FROM orders WHERE id = $1"), attribute.String("server.address", "db.local"),
			attribute.Int("server.port", 5432), attribute.String("db.user", "app")), 0},
		{"exception", failed, 0},
		{"links", linked, 0},
		{"secret in the query", stub("GET", trace.SpanKindClient, localParent(),
			attribute.String("http.request.method", "GET"), attribute.String("url.full", "https://api.example.com/x?token=abc&a=b")), 1},
		{"password in the url", stub("GET", trace.SpanKindClient, localParent(),
			attribute.String("http.request.method", "GET"), attribute.String("url.full", "https://u:pw@api.example.com/x")), 1},
	}
}

// TestTranslateWithAllocationsRich checks that spans with HTTP, SQL and
// exception data cost no allocation once the Scratch has grown, but for
// URLs with a secret to cut out.
func TestTranslateWithAllocationsRich(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	for _, c := range richSpans() {
		s := c.span.Snapshot()
		var sc segment.Scratch
		allocs := testing.AllocsPerRun(100, func() {
			for range 10 {
				tr.TranslateWith(&sc, s)
			}
			sc.Reset()
		})
		if allocs > 10*c.allocs {
			t.Errorf("%s: %v allocations per 10 spans, want at most %v", c.name, allocs, 10*c.allocs)
		}
	}
}
