package ddlambda_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/fakeagent"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/lambdatrace"
)

// extensionCall is one request the fake Lambda Extension received.
type extensionCall struct {
	path   string
	header http.Header
	body   []byte
}

func startExtension(t *testing.T) (*httptest.Server, func() []extensionCall) {
	var mu sync.Mutex
	var calls []extensionCall
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		calls = append(calls, extensionCall{r.URL.Path, r.Header.Clone(), b})
		mu.Unlock()
		w.WriteHeader(http.StatusOK)
	}))
	t.Cleanup(srv.Close)
	return srv, func() []extensionCall {
		mu.Lock()
		defer mu.Unlock()
		return append([]extensionCall(nil), calls...)
	}
}

func TestLambdaWithExtensionAndXRayMerge(t *testing.T) {
	a := fakeagent.Start(t)
	daemon := fakedaemon.Start(t)
	ext, calls := startExtension(t)
	present := filepath.Join(t.TempDir(), "datadog-agent")
	if err := os.WriteFile(present, nil, 0o644); err != nil {
		t.Fatal(err)
	}

	dd, err := datadog.New(datadog.WithAgentURL(a.URL()), datadog.WithEnv("prod"), datadog.WithVersion("1.2.3"), datadog.WithService("orders"))
	if err != nil {
		t.Fatal(err)
	}
	xr, err := xrayudp.New(xrayudp.WithEndpoint(daemon.Addr()), xrayudp.WithLambda(true))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(xr), sdktrace.WithSyncer(dd))
	type event struct{ OrderID string }
	h := lambdatrace.Wrap(func(ctx context.Context, e event) (map[string]string, error) {
		_, s := tp.Tracer("t").Start(ctx, "DynamoDB.PutItem", trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
				attribute.String("rpc.method", "PutItem"), attribute.String("aws.table_name", "orders")))
		s.End()
		if e.OrderID == "bad" {
			return nil, errors.New("invalid order")
		}
		return map[string]string{"status": "stored"}, nil
	}, lambdatrace.WithTracerProvider(tp),
		ddlambda.Extension(dd, ddlambda.WithExtensionURL(ext.URL), ddlambda.WithExtensionPath(present)),
		ddlambda.XRayMerge())

	ctx := lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "req-1"})
	//lint:ignore SA1029 the plain string key is aws-lambda-go's
	ctx = context.WithValue(ctx, "x-amzn-trace-id", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	if _, err := h(ctx, event{OrderID: "42"}); err != nil {
		t.Fatal(err)
	}
	if _, err := h(ctx, event{OrderID: "bad"}); err == nil {
		t.Fatal("the handler's error was lost")
	}

	// The extension saw both invocations, with our IDs and the outcome.
	cs := calls()
	if len(cs) != 4 || cs[0].path != "/lambda/start-invocation" || cs[1].path != "/lambda/end-invocation" {
		t.Fatalf("extension calls = %v", cs)
	}
	if string(cs[0].body) != `{"OrderID":"42"}` || cs[0].header.Get("lambda-runtime-aws-request-id") != "req-1" {
		t.Errorf("start-invocation: %s %v", cs[0].body, cs[0].header)
	}
	end := cs[1].header
	wantTrace := strconv.FormatUint(0xe1be46a994272793, 10)
	if end.Get("x-datadog-trace-id") != wantTrace || end.Get("x-datadog-parent-id") != strconv.FormatUint(0x53995c3f42cd8ad8, 10) ||
		end.Get("x-datadog-sampling-priority") != "1" || end.Get("x-datadog-tags") != "_dd.p.tid=5759e988bd862e3f" {
		t.Errorf("end-invocation headers = %v", end)
	}
	if string(cs[1].body) != `{"status":"stored"}` || end.Get("x-datadog-invocation-error") != "" {
		t.Errorf("end-invocation body %s", cs[1].body)
	}
	if e := cs[3].header; e.Get("x-datadog-invocation-error") != "true" || e.Get("x-datadog-invocation-error-msg") != "invalid order" {
		t.Errorf("failed end-invocation headers = %v", e)
	}
	for _, c := range cs {
		for k, vs := range c.header {
			for _, v := range vs {
				for i := 0; i < len(v); i++ {
					if v[i] < 0x20 || v[i] >= 0x7f {
						t.Errorf("header %s carries a byte a header cannot: %q", k, v)
					}
				}
			}
		}
	}

	// Datadog got the DynamoDB calls under the aws.lambda span (the
	// invocation span's ID), and not the invocation span itself.
	spans, _ := a.Received()
	if len(spans) != 2 {
		t.Fatalf("%d spans reached the agent, want the 2 DynamoDB calls: %v", len(spans), spans)
	}
	invSpans := map[string]bool{cs[1].header.Get("x-datadog-span-id"): true, cs[3].header.Get("x-datadog-span-id"): true}
	for _, s := range spans {
		parent := strconv.FormatUint(fakeagent.Norm(s["parent_id"]).(uint64), 10)
		if s["resource"] != "DynamoDB.PutItem" || !invSpans[parent] || s["meta"].(map[string]any)["tablename"] != "orders" {
			t.Errorf("span (parent %s, want one of %v) = %v", parent, invSpans, s)
		}
	}
	if st := dd.Stats(); st.Dropped.Replaced != 4 {
		t.Errorf("stats = %+v, want 2 invocation spans and 2 datadog-metadata spans left out", st)
	}

	// X-Ray got datadog-metadata under the function's segment.
	gs := daemon.Quiet(50 * time.Millisecond)
	found := 0
	for _, g := range gs {
		if g.Invalid != nil {
			t.Errorf("invalid: %v", g.Invalid)
		}
		if g.Doc["name"] != ddtrace.MergeSubsegmentName {
			continue
		}
		found++
		md, _ := g.Doc["metadata"].(map[string]any)["datadog"].(map[string]any)["trace"].(map[string]any)
		if g.Doc["parent_id"] != "53995c3f42cd8ad8" || md["trace-id"] != wantTrace || md["sampling-priority"] != "1" || md["parent-id"] == "" {
			t.Errorf("datadog-metadata = %v", g.Doc)
		}
	}
	if found != 2 {
		t.Errorf("%d datadog-metadata subsegments, want one per invocation", found)
	}
	_ = json.Valid
}

func TestExtensionAbsent(t *testing.T) {
	ext, calls := startExtension(t)
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil },
		lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()),
		ddlambda.Extension(nil, ddlambda.WithExtensionURL(ext.URL), ddlambda.WithExtensionPath(filepath.Join(t.TempDir(), "missing"))))
	if _, err := h(context.Background(), struct{}{}); err != nil {
		t.Fatal(err)
	}
	if len(calls()) != 0 {
		t.Error("the extension was called though it is not installed")
	}
}
