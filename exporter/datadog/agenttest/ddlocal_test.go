package agenttest

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"

	"github.com/DataDog/datadog-agent/pkg/proto/pbgo/trace"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	oteltrace "go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/exporter/datadog"
)

// TestDdlocalDecodesAsTheAgent: every payload the exporter sends decodes
// in ddlocal to the same fields as with the agent's own decoder.
func TestDdlocalDecodesAsTheAgent(t *testing.T) {
	dd, err := ddlocal.Start(ddlocal.WithoutStatsd())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = dd.Close() }()
	var mu sync.Mutex
	var agent []*trace.Span
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var ts trace.Traces
		if _, err := ts.UnmarshalMsg(body); err != nil {
			t.Errorf("the agent's decoder: %v", err)
		}
		mu.Lock()
		for _, tr := range ts {
			agent = append(agent, tr...)
		}
		mu.Unlock()
		req, _ := http.NewRequest(http.MethodPut, dd.URL()+"/v0.4/traces", bytes.NewReader(body))
		resp, err := http.DefaultClient.Do(req)
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Errorf("ddlocal: %v %v", err, resp)
		}
		if resp != nil {
			_ = resp.Body.Close()
		}
		_, _ = w.Write([]byte(`{"rate_by_service":{}}`))
	}))
	defer srv.Close()

	exp, err := datadog.New(datadog.WithAgentURL(srv.URL), datadog.WithService("orders"))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
	tr := tp.Tracer("t")
	link := oteltrace.NewSpanContext(oteltrace.SpanContextConfig{TraceID: oteltrace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16},
		SpanID: oteltrace.SpanID{1, 2, 3, 4, 5, 6, 7, 8}, TraceFlags: 1})
	ctx, root := tr.Start(context.Background(), "handler", oteltrace.WithSpanKind(oteltrace.SpanKindServer),
		oteltrace.WithLinks(oteltrace.Link{SpanContext: link, Attributes: []attribute.KeyValue{attribute.Int("i", 1)}}),
		oteltrace.WithAttributes(attribute.Float64("nan", math.NaN()), attribute.Int64("big", math.MaxInt64)))
	_, c := tr.Start(ctx, "SQS.SendMessage", oteltrace.WithSpanKind(oteltrace.SpanKindProducer), oteltrace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"), attribute.String("rpc.method", "SendMessage")))
	c.RecordError(errors.New("boom"))
	c.End()
	root.End()
	_ = tp.Shutdown(context.Background())

	got := map[uint64]ddlocal.Span{}
	for _, tr := range dd.Traces() {
		for _, s := range tr.Spans {
			got[s.SpanID] = s
		}
	}
	if len(agent) != 2 || len(got) != 2 {
		t.Fatalf("agent decoded %d spans, ddlocal %d; want 2", len(agent), len(got))
	}
	for _, a := range agent {
		s := got[a.SpanID]
		if s.Service != a.Service || s.Name != a.Name || s.Resource != a.Resource || s.Type != a.Type ||
			s.TraceID != a.TraceID || s.ParentID != a.ParentID || s.Start.UnixNano() != a.Start ||
			int64(s.Duration) != a.Duration || s.Error != (a.Error != 0) {
			t.Errorf("span %d: ddlocal %+v, agent %+v", a.SpanID, s, a)
		}
		if !reflect.DeepEqual(s.Meta, a.Meta) {
			t.Errorf("span %d meta: ddlocal %v, agent %v", a.SpanID, s.Meta, a.Meta)
		}
		if len(s.Metrics) != len(a.Metrics) {
			t.Errorf("span %d metrics: ddlocal %v, agent %v", a.SpanID, s.Metrics, a.Metrics)
		}
		for k, v := range a.Metrics {
			if w := s.Metrics[k]; w != v && !(math.IsNaN(w) && math.IsNaN(v)) {
				t.Errorf("span %d metric %s: ddlocal %v, agent %v", a.SpanID, k, w, v)
			}
		}
		if len(s.Links) != len(a.SpanLinks) {
			t.Fatalf("span %d: ddlocal %d links, agent %d", a.SpanID, len(s.Links), len(a.SpanLinks))
		}
		for i, l := range a.SpanLinks {
			m := s.Links[i]
			if m.TraceID != l.TraceID || m.TraceIDHigh != l.TraceIDHigh || m.SpanID != l.SpanID || m.Flags != l.Flags ||
				m.Tracestate != l.Tracestate || !reflect.DeepEqual(m.Attributes, l.Attributes) {
				t.Errorf("span %d link %d: ddlocal %+v, agent %+v", a.SpanID, i, m, l)
			}
		}
	}
}
