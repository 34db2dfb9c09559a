package xraylocal

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
)

// syncBuffer is a bytes.Buffer safe for a writer goroutine and a reader.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// startLocal starts a server on free loopback ports and closes it with t.
func startLocal(t *testing.T, opts ...Option) *Server {
	t.Helper()
	base := []Option{WithUDPAddr("127.0.0.1:0"), withGetenv(func(string) string { return "" })}
	srv, err := Start(append(base, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv
}

func send(t *testing.T, addr string, datagrams ...[]byte) {
	t.Helper()
	c, err := net.Dial("udp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	for _, d := range datagrams {
		if _, err := c.Write(d); err != nil {
			t.Fatal(err)
		}
	}
}

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// shopTraffic sends one request through two services with the real
// exporter: web calls orders over HTTP (the trace header propagated), and
// orders reads a DynamoDB table, sends to an SQS queue and calls a payment
// API that fails. It returns the datagrams the exporters wrote.
func shopTraffic(t *testing.T, addr string) uint64 {
	t.Helper()
	provider := func(service string) (*sdktrace.TracerProvider, *xrayudp.Exporter) {
		exp, err := xrayudp.New(xrayudp.WithEndpoint(addr), xrayudp.WithLambda(false))
		if err != nil {
			t.Fatal(err)
		}
		return sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()),
			sdktrace.WithResource(resource.NewSchemaless(attribute.String("service.name", service)))), exp
	}
	webTP, webExp := provider("web")
	ordersTP, ordersExp := provider("orders")
	ctx := context.Background()

	ctx, req := webTP.Tracer("web").Start(ctx, "GET /checkout", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("http.request.method", "GET"), attribute.String("url.full", "http://web.local/checkout"),
			attribute.Int("http.response.status_code", 200)))
	cctx, call := webTP.Tracer("web").Start(ctx, "GET", trace.WithSpanKind(trace.SpanKindClient),
		trace.WithAttributes(attribute.String("http.request.method", "GET"), attribute.String("url.full", "http://orders.internal/orders/42"),
			attribute.String("server.address", "orders.internal"), attribute.Int("http.response.status_code", 200)))
	carrier := propagation.MapCarrier{}
	xray.Propagator{}.Inject(cctx, carrier)

	octx := xray.Propagator{}.Extract(context.Background(), carrier)
	octx, handle := ordersTP.Tracer("orders").Start(octx, "GET /orders/{id}", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithAttributes(attribute.String("http.request.method", "GET"), attribute.Int("http.response.status_code", 200)))
	for _, s := range []struct {
		name  string
		attrs []attribute.KeyValue
	}{
		{"DynamoDB.GetItem", []attribute.KeyValue{attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
			attribute.String("rpc.method", "GetItem"), attribute.String("aws.table_name", "orders")}},
		{"SQS.SendMessage", []attribute.KeyValue{attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"),
			attribute.String("rpc.method", "SendMessage"), attribute.String("aws.queue_url", "https://sqs.eu-west-1.amazonaws.com/123456789012/order-changes")}},
	} {
		_, sp := ordersTP.Tracer("orders").Start(octx, s.name, trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(s.attrs...))
		sp.End()
	}
	_, pay := ordersTP.Tracer("orders").Start(octx, "POST", trace.WithSpanKind(trace.SpanKindClient), trace.WithAttributes(
		attribute.String("http.request.method", "POST"), attribute.String("url.full", "https://payments.example.com/charge"),
		attribute.String("server.address", "payments.example.com"), attribute.Int("http.response.status_code", 503)))
	pay.SetStatus(codes.Error, "unavailable")
	pay.End()
	handle.End()
	call.End()
	req.End()
	for _, tp := range []*sdktrace.TracerProvider{webTP, ordersTP} {
		if err := tp.Shutdown(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	return webExp.Stats().Datagrams + ordersExp.Stats().Datagrams
}

// TestWithExporter runs the real exporter against the daemon over UDP and
// reads the map, also over HTTP.
func TestWithExporter(t *testing.T) {
	srv := startLocal(t, WithHTTPAddr("127.0.0.1:0"))
	n := shopTraffic(t, srv.UDPAddr())
	if err := srv.WaitFor(waitCtx(t), func(st Stats) bool { return st.Datagrams >= n }); err != nil {
		t.Fatal(err)
	}
	st := srv.Stats()
	if st.Invalid != 0 || st.Documents != n || st.Traces != 1 {
		t.Fatalf("stats %+v; problems:\n%s", st, problemLines(srv.Problems()))
	}
	m := srv.ServiceMap()
	for _, want := range []string{
		"Client -> web (service): 1 request",
		"web -> orders (service): 1 request",
		"orders -> orders (DynamoDB table): 1 request",
		"orders -> order-changes (SQS queue): 1 request",
		"orders -> payments.example.com (remote): 1 request, 1 fault",
	} {
		if !strings.Contains(m.String(), want+"\n") {
			t.Errorf("map lacks %q:\n%s", want, m)
		}
	}

	resp, err := http.Get(srv.URL() + "api/servicemap")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var got ServiceMap
	if err := json.NewDecoder(resp.Body).Decode(&got); err != nil || got.NodeOfType("orders", "AWS::DynamoDB::Table") == nil {
		t.Errorf("GET /api/servicemap: %v %+v", err, got)
	}
}

// TestOverUDP sends the protocol's largest and oddest datagrams over a
// real socket: the daemon reads 64 KiB at a time, so 65,507 bytes arrive
// whole.
func TestOverUDP(t *testing.T) {
	srv := startLocal(t)
	big := bigDatagram(65507)
	send(t, srv.UDPAddr(), big, []byte(`{"format":"json","version":1}`+"\r\n"+validDoc), []byte("no header"))
	if err := srv.WaitFor(waitCtx(t), func(st Stats) bool { return st.Datagrams >= 3 }); err != nil {
		t.Fatal(err)
	}
	st := srv.Stats()
	if st.Bytes != uint64(len(big)+len(validDoc)+len(segmentHeaderCRLF)+len("no header")) || st.Documents != 2 || st.Discarded != 1 {
		t.Errorf("stats %+v", st)
	}
	ps := srv.Problems()
	if len(ps) != 2 || ps[0].Rule != "size" || !strings.HasPrefix(ps[0].From, "127.0.0.1:") || ps[1].Rule != "header" {
		t.Errorf("problems:\n%s", problemLines(ps))
	}
}

const segmentHeaderCRLF = `{"format":"json","version":1}` + "\r\n"

// TestForward relays every datagram, good or bad, unchanged.
func TestForward(t *testing.T) {
	target, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	defer target.Close()
	srv := startLocal(t, WithForward("udp:"+target.LocalAddr().String()))
	in := [][]byte{dg(validDoc), []byte("garbage\x00\xff"), bigDatagram(65507)}
	send(t, srv.UDPAddr(), in...)
	buf := make([]byte, 70000)
	for i, want := range in {
		_ = target.SetReadDeadline(time.Now().Add(5 * time.Second))
		n, err := target.Read(buf)
		if err != nil {
			t.Fatalf("datagram %d not forwarded: %v", i, err)
		}
		if !bytes.Equal(buf[:n], want) {
			t.Errorf("datagram %d changed: %q", i, buf[:min(n, 80)])
		}
	}
	if err := srv.WaitFor(waitCtx(t), func(st Stats) bool { return st.Datagrams >= 3 }); err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Forwarded != 3 || st.ForwardErrors != 0 {
		t.Errorf("stats %+v", st)
	}
}

// TestForwardToNobody keeps receiving when the daemon forwarded to is down.
func TestForwardToNobody(t *testing.T) {
	gone, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	addr := gone.LocalAddr().String()
	gone.Close()
	srv := startLocal(t, WithForward(addr))
	for range 5 {
		send(t, srv.UDPAddr(), dg(validDoc))
	}
	if err := srv.WaitFor(waitCtx(t), func(st Stats) bool { return st.Datagrams >= 5 }); err != nil {
		t.Fatal(err)
	}
	if st := srv.Stats(); st.Documents != 5 || st.Forwarded+st.ForwardErrors != 5 {
		t.Errorf("stats %+v", st)
	}
}

// TestOutputs prints complete traces and writes accepted documents.
func TestOutputs(t *testing.T) {
	var trees, docs, problems syncBuffer
	srv := startLocal(t, WithSettle(time.Millisecond), WithTraceOutput(&trees), WithDocumentOutput(&docs), WithProblemOutput(&problems))
	pretty := "{\n \"trace_id\": \"" + tid + "\",\n \"name\": \"web\", \"id\": \"a000000000000001\", \"start_time\": 1, \"end_time\": 1.25}"
	send(t, srv.UDPAddr(), dg(pretty), []byte("bad"))
	if err := srv.WaitFor(waitCtx(t), func(st Stats) bool { return st.Completed >= 1 && st.Datagrams >= 2 }); err != nil {
		t.Fatal(err)
	}
	if got, want := trees.String(), "trace "+tid+"  web  250ms long  1 span  ! 1 problem\n└─ web  250ms long  service  ! whitespace outside strings at byte 1 of the document; send compact JSON (as json.Marshal or json.Compact produce) [compact]\n"; !strings.HasPrefix(got, want) {
		t.Errorf("trees:\n%s\nwant prefix:\n%s", got, want)
	}
	// The document, compacted to one line.
	if got, want := docs.String(), `{"trace_id":"`+tid+`","name":"web","id":"a000000000000001","start_time":1,"end_time":1.25}`+"\n"; got != want {
		t.Errorf("documents:\n%q\nwant:\n%q", got, want)
	}
	if got := problems.String(); !strings.Contains(got, "! whitespace outside strings at byte 1 of the document") || !strings.Contains(got, "followed by the document [header] (from 127.0.0.1:") {
		t.Errorf("problems:\n%s", got)
	}
}

func TestWaitFor(t *testing.T) {
	srv := startLocal(t)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Millisecond)
	defer cancel()
	err := srv.WaitDocuments(ctx, 1)
	if err == nil || !strings.Contains(err.Error(), "deadline exceeded") || !strings.Contains(err.Error(), "0 documents") {
		t.Errorf("err = %v", err)
	}
	go func() { _ = srv.Close() }()
	if err := srv.WaitDocuments(context.Background(), 1); err == nil {
		t.Error("no error once closed")
	}
	if err := srv.Close(); err != nil {
		t.Errorf("second Close: %v", err)
	}
}

func TestListenAddress(t *testing.T) {
	env := func(v string) Option {
		return withGetenv(func(k string) string {
			if k == EnvDaemonAddress {
				return v
			}
			return ""
		})
	}
	srv, err := Start(env("udp:127.0.0.1:0 tcp:127.0.0.1:2000"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(srv.UDPAddr(), "127.0.0.1:") || srv.URL() != "" {
		t.Errorf("udp %q url %q", srv.UDPAddr(), srv.URL())
	}
	_ = srv.Close()

	for _, c := range []struct {
		opts []Option
		want string
	}{
		{[]Option{env("localhost")}, "(from AWS_XRAY_DAEMON_ADDRESS)"},
		{[]Option{env("x"), WithUDPAddr("tcp:127.0.0.1:2000")}, "(from WithUDPAddr)"},
		{[]Option{WithUDPAddr("127.0.0.1:0"), WithForward("tcp:127.0.0.1:2000")}, "the daemon protocol is UDP"},
		{[]Option{WithUDPAddr("127.0.0.1:0"), WithForward("udp:127.0.0.1:0")}, "port 0"},
		{[]Option{WithUDPAddr("127.0.0.1:0"), WithHTTPAddr("127.0.0.1:-1")}, "cannot serve HTTP"},
	} {
		srv, err := Start(c.opts...)
		if err == nil {
			_ = srv.Close()
			t.Errorf("%s: no error", c.want)
		} else if !strings.Contains(err.Error(), c.want) {
			t.Errorf("error %q lacks %q", err, c.want)
		}
	}
}

func TestParseDaemonAddress(t *testing.T) {
	for in, want := range map[string]string{
		"127.0.0.1:2000":                       "127.0.0.1:2000",
		" udp:127.0.0.1:3000 tcp:127.0.0.1:2 ": "127.0.0.1:3000",
		"tcp:127.0.0.1:2 udp:0.0.0.0:2000":     "0.0.0.0:2000",
		"[::1]:0":                              "[::1]:0",
		"":                                     "error",
		"udp:127.0.0.1:1 udp:127.0.0.1:2":      "error",
		"tcp:127.0.0.1:2":                      "error",
		"http:127.0.0.1:2":                     "error",
		"127.0.0.1":                            "error",
		"127.0.0.1:70000":                      "error",
		":2000":                                "error",
	} {
		got, err := parseDaemonAddress(in)
		if err != nil {
			got = "error"
		}
		if got != want {
			t.Errorf("parseDaemonAddress(%q) = %q (%v), want %q", in, got, err, want)
		}
	}
}
