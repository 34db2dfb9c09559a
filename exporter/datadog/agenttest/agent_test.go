package agenttest

import (
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"

	"github.com/DataDog/datadog-agent/pkg/proto/pbgo/trace"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
)

// TestAgentDecodesOurPayloads sends spans through the real exporter to an
// HTTP server that decodes the body with the agent's pbgo/trace decoder, and
// compares every field with what payload.Convert produced.
func TestAgentDecodesOurPayloads(t *testing.T) {
	var mu sync.Mutex
	var got trace.Traces
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ts trace.Traces
		rest, err := ts.UnmarshalMsg(body)
		if err != nil || len(rest) != 0 {
			t.Errorf("the agent's decoder rejects the payload: %v (%d bytes left)", err, len(rest))
		}
		mu.Lock()
		got = append(got, ts...)
		mu.Unlock()
		_, _ = w.Write([]byte(`{"rate_by_service":{}}`))
	}))
	defer srv.Close()

	exp, err := datadog.New(datadog.WithAgentURL(srv.URL), datadog.WithService("orders"), datadog.WithEnv("prod"))
	if err != nil {
		t.Fatal(err)
	}
	var want []sdktrace.ReadOnlySpan
	rec := recorder(func(s sdktrace.ReadOnlySpan) { want = append(want, s) })
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(rec), sdktrace.WithSyncer(exp))
	tr := tp.Tracer("t")
	link := oteltrace.NewSpanContext(oteltrace.SpanContextConfig{TraceID: oteltrace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID: oteltrace.SpanID{1, 2, 3, 4, 5, 6, 7, 8}, TraceFlags: 1})
	ctx, root := tr.Start(context.Background(), "handler", oteltrace.WithSpanKind(oteltrace.SpanKindServer),
		oteltrace.WithLinks(oteltrace.Link{SpanContext: link, Attributes: []attribute.KeyValue{attribute.Int("i", 1)}}),
		oteltrace.WithAttributes(attribute.String("http.request.method", "POST"), attribute.Float64("nan", math.NaN()),
			attribute.StringSlice("tags", []string{"a", "b"}), attribute.Int64("big", math.MaxInt64)))
	_, c := tr.Start(ctx, "SQS.SendMessage", oteltrace.WithSpanKind(oteltrace.SpanKindProducer), oteltrace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"), attribute.String("rpc.method", "SendMessage"),
		attribute.String("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes")))
	c.RecordError(errors.New("boom \xff invalid utf-8"), oteltrace.WithStackTrace(true))
	c.SetStatus(codes.Error, "boom")
	c.End()
	root.End()

	if len(got) != 2 { // each span was exported on its own (WithSyncer)
		t.Fatalf("%d traces decoded", len(got))
	}
	for i, s := range want {
		d := payload.Convert(s, "orders", "prod", "")
		a := got[i][0]
		if a.Service != d.Service || a.Name != d.Name || a.Resource != d.Resource || a.Type != d.Type ||
			a.TraceID != d.TraceID || a.SpanID != d.SpanID || a.ParentID != d.ParentID ||
			a.Start != d.Start || a.Duration != d.Duration || a.Error != d.Error {
			t.Errorf("span %d: agent decoded %+v, we meant %+v", i, a, d)
		}
		for k, v := range d.Meta {
			if a.Meta[k] != v {
				t.Errorf("span %d meta %s: %q, want %q", i, k, a.Meta[k], v)
			}
		}
		for k, v := range d.Metrics {
			if a.Metrics[k] != v {
				t.Errorf("span %d metrics %s: %v, want %v", i, k, a.Metrics[k], v)
			}
		}
		if len(a.SpanLinks) != len(d.Links) {
			t.Errorf("span %d: %d links, want %d", i, len(a.SpanLinks), len(d.Links))
		}
		for j, l := range d.Links {
			al := a.SpanLinks[j]
			if al.TraceID != l.TraceID || al.TraceIDHigh != l.TraceIDHigh || al.SpanID != l.SpanID || al.Flags != l.Flags || al.Attributes["i"] != "1" {
				t.Errorf("span %d link %d: %+v, want %+v", i, j, al, l)
			}
		}
	}
	if got[0][0].Meta["tablename"] != "" || got[0][0].Meta["queuename"] != "order-changes" {
		t.Errorf("SQS tags: %v", got[0][0].Meta)
	}
}

type recorder func(sdktrace.ReadOnlySpan)

func (r recorder) ExportSpans(_ context.Context, ss []sdktrace.ReadOnlySpan) error {
	for _, s := range ss {
		r(s)
	}
	return nil
}
func (r recorder) Shutdown(context.Context) error { return nil }
