package xrayudp_test

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/segment"
)

const lambdaHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"

func newExporter(t *testing.T, d *fakedaemon.Daemon, opts ...xrayudp.Option) *xrayudp.Exporter {
	t.Helper()
	exp, err := xrayudp.New(append([]xrayudp.Option{xrayudp.WithEndpoint(d.Addr()), xrayudp.WithLambda(false)}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = exp.Shutdown(context.Background()) })
	return exp
}

func newProvider(exp sdktrace.SpanExporter) *sdktrace.TracerProvider {
	return sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
}

// lambdaContext is what a Lambda handler's context carries, extracted the
// way the X-Ray propagator does it.
func lambdaContext(header string) context.Context {
	return xray.Propagator{}.Extract(context.Background(), propagation.MapCarrier{"X-Amzn-Trace-Id": header})
}

func mustValid(t *testing.T, gs []fakedaemon.Datagram) {
	t.Helper()
	for _, g := range gs {
		if g.Invalid != nil {
			t.Errorf("invalid datagram: %v\n%.1000s", g.Invalid, g.Raw)
		}
		if len(g.Raw) > segment.MaxDatagramSize {
			t.Errorf("datagram of %d bytes, limit %d", len(g.Raw), segment.MaxDatagramSize)
		}
	}
}

func TestLambdaRootIsIndependentSubsegment(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithLambda(true))
	tr := newProvider(exp).Tracer("test")

	ctx, root := tr.Start(lambdaContext(lambdaHeader), "handler", trace.WithSpanKind(trace.SpanKindServer))
	_, child := tr.Start(ctx, "work")
	child.End()
	root.End()

	gs := d.Wait(t, 2, 2*time.Second)
	mustValid(t, gs)
	var rootDoc map[string]any
	for _, g := range gs {
		if g.Doc["name"] != "work" {
			rootDoc = g.Doc
		}
	}
	want := map[string]any{"type": "subsegment", "trace_id": "1-5759e988-bd862e3fe1be46a994272793", "parent_id": "53995c3f42cd8ad8"}
	for k, v := range want {
		if rootDoc[k] != v {
			t.Errorf("root %s = %v, want %v (doc %v)", k, rootDoc[k], v, rootDoc)
		}
	}
	if rootDoc["id"] == "53995c3f42cd8ad8" {
		t.Error("a document has the id of Lambda's own segment")
	}
}

func TestLambdaUnsampledSendsNothing(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithLambda(true))
	tr := newProvider(exp).Tracer("test")
	ctx, root := tr.Start(lambdaContext(strings.Replace(lambdaHeader, "Sampled=1", "Sampled=0", 1)), "handler")
	_, child := tr.Start(ctx, "work")
	child.End()
	root.End()
	// A sampled span afterwards proves the socket works; it must be the only arrival.
	_, marker := tr.Start(lambdaContext(lambdaHeader), "marker")
	marker.End()
	gs := d.Wait(t, 1, 2*time.Second)
	if got := d.Quiet(50 * time.Millisecond); len(got) != 1 || gs[0].Doc["name"] != "marker" {
		t.Fatalf("got %d datagrams, want only the marker: %s", len(got), gs[0].Raw)
	}
}

func TestLambdaSpanWithoutParentIsDropped(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithLambda(true))
	tr := newProvider(exp).Tracer("test")
	_, s := tr.Start(context.Background(), "orphan")
	s.End()
	if st := exp.Stats(); st.Dropped.NoParent != 1 || st.Datagrams != 0 {
		t.Errorf("stats = %+v, want one no-parent drop and no datagram", st)
	}
}

func TestLambdaDropsChildrenOfDroppedRoot(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithLambda(true))
	// A root without parent (started from context.Background in a Lambda
	// function) and its children, grandchildren, and an unrelated span.
	other := span(10, 0)
	other.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(99), TraceFlags: trace.FlagsSampled, Remote: true})
	stubs := tracetest.SpanStubs{span(3, 2), span(2, 1), span(1, 0), span(4, 1), other}
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	gs := d.Wait(t, 1, 2*time.Second)
	if got := d.Quiet(20 * time.Millisecond); len(got) != 1 || gs[0].Doc["id"] != sid(10).String() {
		t.Fatalf("got %d datagrams, want only span 10: %s", len(got), gs[0].Raw)
	}
	if st := exp.Stats(); st.Dropped.NoParent != 4 || st.Sent != 1 {
		t.Errorf("stats = %+v, want 4 no-parent drops and 1 sent", st)
	}
}

func TestExpiredContextDoesNotCutOtherCalls(t *testing.T) {
	// The write timeout is long so that only another call's context could
	// cut a write: on a loaded machine the flush itself may take longer
	// than the default timeout, and a write may begin late.
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(8<<20))
	exp := newExporter(t, d, xrayudp.WithPacing(0, 0), xrayudp.WithWriteTimeout(time.Minute))
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 3000; i++ {
		stubs = append(stubs, span(i, 1))
	}
	spans := stubs.Snapshots()
	done := make(chan struct{})
	go func() {
		defer close(done)
		expired, cancel := context.WithTimeout(context.Background(), -time.Second)
		defer cancel()
		for range 200 {
			_ = exp.ExportSpans(expired, tracetest.SpanStubs{span(5000, 0)}.Snapshots())
			time.Sleep(50 * time.Microsecond)
		}
	}()
	for range 3 {
		if err := exp.ExportSpans(context.Background(), spans); err != nil {
			t.Errorf("a flush failed because of another call's expired context: %v", err)
		}
	}
	<-done
	if st := exp.Stats(); st.Dropped.SocketFull != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestLambdaModeFromEnvironment(t *testing.T) {
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	d := fakedaemon.Start(t)
	exp, err := xrayudp.New(xrayudp.WithEndpoint(d.Addr()))
	if err != nil {
		t.Fatal(err)
	}
	if !exp.Lambda() {
		t.Error("Lambda mode is off with AWS_LAMBDA_FUNCTION_NAME set")
	}
}

func TestNestsChildrenInOneDatagram(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	tp := sdktrace.NewTracerProvider(sdktrace.WithBatcher(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	tr := tp.Tracer("test")
	ctx, root := tr.Start(context.Background(), "GET /", trace.WithSpanKind(trace.SpanKindServer))
	for range 10 {
		_, c := tr.Start(ctx, "DynamoDB.GetItem", trace.WithSpanKind(trace.SpanKindClient),
			trace.WithAttributes(attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB")))
		c.End()
	}
	root.End()
	if err := tp.ForceFlush(context.Background()); err != nil {
		t.Fatal(err)
	}
	gs := d.Wait(t, 1, 2*time.Second)
	mustValid(t, gs)
	subs, _ := gs[0].Doc["subsegments"].([]any)
	if len(gs) != 1 || len(subs) != 10 {
		t.Fatalf("%d datagrams with %d nested subsegments, want 1 with 10", len(gs), len(subs))
	}
	if sub := subs[0].(map[string]any); sub["type"] != nil || sub["trace_id"] != nil || sub["namespace"] != "aws" {
		t.Errorf("nested subsegment = %v", sub)
	}
}

func TestShutdown(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	ctx := context.Background()
	if err := exp.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	if err := exp.Shutdown(ctx); err != nil {
		t.Fatalf("second Shutdown: %v", err)
	}
	spans := tracetest.SpanStubs{span(1, 0)}.Snapshots()
	if err := exp.ExportSpans(ctx, spans); err != nil {
		t.Fatalf("export after shutdown: %v", err)
	}
	if st := exp.Stats(); st.Dropped.Shutdown != 1 || st.Datagrams != 0 {
		t.Errorf("stats = %+v", st)
	}
}

func TestDeadDaemon(t *testing.T) {
	// A port with nothing behind it: reserve one, then free it.
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	addr := c.LocalAddr().String()
	c.Close()
	exp, err := xrayudp.New(xrayudp.WithEndpoint(addr), xrayudp.WithLambda(false))
	if err != nil {
		t.Fatal(err)
	}
	defer exp.Shutdown(context.Background())
	var errs int
	for i := range 50 {
		err := exp.ExportSpans(context.Background(), tracetest.SpanStubs{span(uint64(i+1), 0)}.Snapshots())
		if err != nil {
			errs++
			if !errors.Is(err, syscallECONNREFUSED) || !strings.Contains(err.Error(), "AWS_XRAY_DAEMON_ADDRESS") {
				t.Errorf("error does not say what to do: %v", err)
			}
		}
	}
	st := exp.Stats()
	if st.Sent+st.Dropped.Unreachable != 50 {
		t.Errorf("sent %d + unreachable %d != 50 spans", st.Sent, st.Dropped.Unreachable)
	}
	if st.Dropped.Unreachable < 40 {
		t.Errorf("only %d of 50 spans to a dead daemon counted unreachable", st.Dropped.Unreachable)
	}
	if errs == 0 || st.Refused == 0 || uint64(errs) != st.Refused {
		t.Errorf("%d errors returned for %d refusals; want one error per call that saw one", errs, st.Refused)
	}
	t.Logf("dead daemon, 50 calls: %d errors, %d refusals, %d spans written, %d dropped as unreachable", errs, st.Refused, st.Sent, st.Dropped.Unreachable)
}

func TestConcurrentExports(t *testing.T) {
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(8<<20))
	exp := newExporter(t, d)
	var wg sync.WaitGroup
	for g := range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 50 {
				id := uint64(g*1000 + i + 1)
				if err := exp.ExportSpans(context.Background(), tracetest.SpanStubs{span(id, 0)}.Snapshots()); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	// Shutdown racing with exports must neither panic nor report errors.
	wg.Wait()
	gs := d.Wait(t, 400, 5*time.Second)
	mustValid(t, gs)
	if st := exp.Stats(); st.Sent != 400 || st.Datagrams != 400 {
		t.Errorf("stats = %+v", st)
	}
}

func TestShutdownDuringExports(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	var wg sync.WaitGroup
	for g := range 4 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				if err := exp.ExportSpans(context.Background(), tracetest.SpanStubs{span(uint64(g*1000+i+1), 0)}.Snapshots()); err != nil {
					t.Errorf("export racing Shutdown: %v", err)
				}
			}
		}()
	}
	time.Sleep(time.Millisecond)
	_ = exp.Shutdown(context.Background())
	wg.Wait()
	st := exp.Stats()
	if st.Sent+st.Dropped.Shutdown != 800 {
		t.Errorf("sent %d + shutdown drops %d != 800", st.Sent, st.Dropped.Shutdown)
	}
}

func TestCanceledContext(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := exp.ExportSpans(ctx, tracetest.SpanStubs{span(1, 0)}.Snapshots())
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if st := exp.Stats(); st.Dropped.Canceled != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestStatsCountBytes(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	if err := exp.ExportSpans(context.Background(), tracetest.SpanStubs{span(1, 0), span(2, 1)}.Snapshots()); err != nil {
		t.Fatal(err)
	}
	gs := d.Wait(t, 1, 2*time.Second)
	st := exp.Stats()
	if st.Spans != 2 || st.Sent != 2 || st.Datagrams != 1 || st.Bytes != uint64(len(gs[0].Raw)) {
		t.Errorf("stats = %+v, datagram of %d bytes", st, len(gs[0].Raw))
	}
	var doc map[string]any
	if err := json.Unmarshal(gs[0].Body, &doc); err != nil {
		t.Fatal(err)
	}
}

func TestTrimmedSpansCounted(t *testing.T) {
	// A span too big for a datagram is trimmed (internal/wire's tests cover
	// how); the exporter sends it and counts it in Stats.Trimmed.
	d := fakedaemon.Start(t)
	exp := newExporter(t, d)
	stubs := tracetest.SpanStubs{span(1, 0, attribute.String("payload", strings.Repeat("x", 1<<20))), span(2, 1)}
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	st := exp.Stats()
	gs := d.Wait(t, int(st.Datagrams), 2*time.Second)
	mustValid(t, gs)
	if st.Trimmed != 1 || st.Sent != 2 {
		t.Errorf("trimmed %d, sent %d; want 1 trimmed of 2 sent", st.Trimmed, st.Sent)
	}
}
