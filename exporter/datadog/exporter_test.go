package datadog_test

import (
	"context"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/fakeagent"
)

func newExporter(t *testing.T, a *fakeagent.Agent, opts ...datadog.Option) *datadog.Exporter {
	t.Helper()
	exp, err := datadog.New(append([]datadog.Option{datadog.WithAgentURL(a.Srv.URL), datadog.WithEnv("prod"), datadog.WithVersion("1.2.3")}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	return exp
}

func TestSpansReachTheAgent(t *testing.T) {
	a := fakeagent.Start(t)
	exp := newExporter(t, a)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp),
		sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", "orders-api"))))
	tr := tp.Tracer("test")
	linked := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{0, 0, 0, 0, 0, 0, 0, 9, 0, 0, 0, 0, 0, 0, 0, 7}, SpanID: trace.SpanID{0, 0, 0, 0, 0, 0, 0, 5}, TraceFlags: 1})
	ctx, root := tr.Start(context.Background(), "GET /orders/{id}", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithLinks(trace.Link{SpanContext: linked, Attributes: []attribute.KeyValue{attribute.String("messaging.message.id", "m1")}}),
		trace.WithAttributes(attribute.String("http.request.method", "GET"), attribute.String("http.route", "/orders/{id}"),
			attribute.Int("http.response.status_code", 200), attribute.Float64("ratio", 0.5), attribute.Bool("cached", true)))
	_, call := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"), attribute.String("rpc.method", "GetItem"),
		attribute.String("aws.region", "eu-west-1"), attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
		attribute.String("aws.request_id", "REQ1")))
	call.RecordError(errors.New("conditional check failed"), trace.WithStackTrace(true))
	call.SetStatus(codes.Error, "conditional check failed")
	call.End()
	root.End()

	spans, headers := a.Received()
	if len(spans) != 2 {
		t.Fatalf("%d spans", len(spans))
	}
	h := headers[0]
	if h.Get("Content-Type") != "application/msgpack" || h.Get("Datadog-Meta-Lang") != "go" || h.Get("X-Datadog-Trace-Count") != "1" {
		t.Errorf("headers = %v", h)
	}
	rsc, csc := root.SpanContext(), call.SpanContext()
	low, tid := ddtrace.TraceID(rsc.TraceID())
	srv := fakeagent.ByResource(spans, "GET /orders/{id}")
	cli := fakeagent.ByResource(spans, "DynamoDB.GetItem")
	if srv == nil || cli == nil {
		t.Fatalf("spans = %v", spans)
	}
	want := map[string]any{
		"service": "orders-api", "name": "http.request", "type": "web", "trace_id": low,
		"span_id": ddtrace.SpanID(rsc.SpanID()), "parent_id": uint64(0), "error": int64(0),
	}
	for k, v := range want {
		if fakeagent.Norm(srv[k]) != fakeagent.Norm(v) {
			t.Errorf("server %s = %v (%T), want %v (%T)", k, srv[k], srv[k], v, v)
		}
	}
	meta := srv["meta"].(map[string]any)
	metrics := srv["metrics"].(map[string]any)
	for k, v := range map[string]string{"_dd.p.tid": tid, "span.kind": "server", "env": "prod", "version": "1.2.3", "http.route": "/orders/{id}", "cached": "true"} {
		if meta[k] != v {
			t.Errorf("server meta %s = %v, want %v", k, meta[k], v)
		}
	}
	for k, v := range map[string]float64{"_top_level": 1, "_sampling_priority_v1": 1, "ratio": 0.5, "http.response.status_code": 200} {
		if metrics[k] != v {
			t.Errorf("server metrics %s = %v, want %v", k, metrics[k], v)
		}
	}
	if srv["start"].(int64) <= 0 || srv["duration"].(int64) < 0 {
		t.Errorf("start %v duration %v", srv["start"], srv["duration"])
	}
	links, _ := srv["span_links"].([]any)
	if len(links) != 1 {
		t.Fatalf("span_links = %v", srv["span_links"])
	}
	l := links[0].(map[string]any)
	if fakeagent.Norm(l["trace_id"]) != fakeagent.Norm(7) || fakeagent.Norm(l["trace_id_high"]) != fakeagent.Norm(9) || fakeagent.Norm(l["span_id"]) != fakeagent.Norm(5) ||
		l["attributes"].(map[string]any)["messaging.message.id"] != "m1" {
		t.Errorf("link = %v", l)
	}

	if fakeagent.Norm(cli["parent_id"]) != fakeagent.Norm(ddtrace.SpanID(rsc.SpanID())) || fakeagent.Norm(cli["span_id"]) != fakeagent.Norm(ddtrace.SpanID(csc.SpanID())) ||
		cli["name"] != "aws.request" || cli["type"] != "http" || fakeagent.Norm(cli["error"]) != fakeagent.Norm(1) {
		t.Errorf("client = %v", cli)
	}
	cm := cli["meta"].(map[string]any)
	for k, v := range map[string]string{"aws.operation": "GetItem", "aws_service": "DynamoDB", "region": "eu-west-1",
		"tablename": "orders", "request_id": "REQ1", "span.kind": "client", "error.message": "conditional check failed", "error.type": "*errors.errorString"} {
		if cm[k] != v {
			t.Errorf("client meta %s = %v, want %v", k, cm[k], v)
		}
	}
	if !strings.Contains(cm["error.stack"].(string), "TestSpansReachTheAgent") {
		t.Errorf("error.stack = %v", cm["error.stack"])
	}
	if _, top := cli["metrics"].(map[string]any)["_top_level"]; top {
		t.Error("a child span marked top-level")
	}
}

func TestAgentDownOrSlow(t *testing.T) {
	a := fakeagent.Start(t)
	a.Srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body)
		select {
		case <-r.Context().Done():
		case <-time.After(5 * time.Second):
		}
	})
	exp := newExporter(t, a, datadog.WithTimeout(50*time.Millisecond))
	spans := oneSpan(t)
	if err := exp.ExportSpans(context.Background(), spans); err == nil || !strings.Contains(err.Error(), datadog.EnvAgentURL) {
		t.Errorf("slow agent: err = %v", err)
	}
	a.Srv.Close()
	if err := exp.ExportSpans(context.Background(), spans); err == nil {
		t.Error("dead agent: no error")
	}
	if st := exp.Stats(); st.Dropped.Unreachable != 2 || st.Sent != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestAgentRejects(t *testing.T) {
	a := fakeagent.Start(t)
	a.Status = http.StatusRequestEntityTooLarge
	exp := newExporter(t, a)
	if err := exp.ExportSpans(context.Background(), oneSpan(t)); err == nil || !strings.Contains(err.Error(), "413") {
		t.Errorf("err = %v", err)
	}
	if st := exp.Stats(); st.Dropped.Rejected != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func oneSpan(t *testing.T) []sdktrace.ReadOnlySpan {
	t.Helper()
	var got []sdktrace.ReadOnlySpan
	rec := recorder{fn: func(s []sdktrace.ReadOnlySpan) { got = append(got, s...) }}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(rec))
	_, s := tp.Tracer("t").Start(context.Background(), "op")
	s.End()
	return got
}

type recorder struct{ fn func([]sdktrace.ReadOnlySpan) }

func (r recorder) ExportSpans(_ context.Context, s []sdktrace.ReadOnlySpan) error {
	r.fn(s)
	return nil
}
func (r recorder) Shutdown(context.Context) error { return nil }

func TestConfigFromEnvironment(t *testing.T) {
	tests := []struct {
		env  map[string]string
		want string
	}{
		{nil, "http://127.0.0.1:8126/v0.4/traces"},
		{map[string]string{"DD_TRACE_AGENT_URL": "http://agent:9126"}, "http://agent:9126/v0.4/traces"},
		{map[string]string{"DD_AGENT_HOST": "10.0.0.5"}, "http://10.0.0.5:8126/v0.4/traces"},
		{map[string]string{"DD_AGENT_HOST": "::1", "DD_TRACE_AGENT_PORT": "9000"}, "http://[::1]:9000/v0.4/traces"},
		{map[string]string{"DD_TRACE_AGENT_URL": "http://a:1", "DD_AGENT_HOST": "b"}, "http://a:1/v0.4/traces"},
	}
	for _, tc := range tests {
		for _, k := range []string{"DD_TRACE_AGENT_URL", "DD_AGENT_HOST", "DD_TRACE_AGENT_PORT"} {
			t.Setenv(k, tc.env[k])
		}
		exp, err := datadog.New()
		if err != nil || exp.URL() != tc.want {
			t.Errorf("%v: %v %v, want %s", tc.env, exp, err, tc.want)
		}
	}
	for _, bad := range []string{"agent:8126", "ftp://a:1", "http://a:99999", "http://"} {
		if _, err := datadog.New(datadog.WithAgentURL(bad)); err == nil || !strings.Contains(err.Error(), "DD_TRACE_AGENT_URL") {
			t.Errorf("%q: err = %v", bad, err)
		}
	}
}

func TestHTTPClientWithoutTimeoutIsStillBounded(t *testing.T) {
	a := fakeagent.Start(t)
	a.Srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_, _ = io.Copy(io.Discard, r.Body) // so the server notices the client leaving
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	exp := newExporter(t, a, datadog.WithHTTPClient(&http.Client{}), datadog.WithTimeout(50*time.Millisecond))
	done := make(chan error, 1)
	go func() { done <- exp.ExportSpans(context.Background(), oneSpan(t)) }()
	select {
	case err := <-done:
		if err == nil {
			t.Error("no error from a request that timed out")
		}
	case <-time.After(5 * time.Second):
		t.Fatal("WithHTTPClient without a Timeout let a request hang past WithTimeout")
	}
}
