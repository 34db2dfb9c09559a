package ddlocal

import (
	"bytes"
	"context"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/tinylib/msgp/msgp"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
)

func start(t *testing.T, opts ...Option) *Server {
	t.Helper()
	s, err := Start(opts...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

// TestExporterRoundTrip sends spans with the project's Datadog exporter and
// reads them back: fields, the tree, the link and the X-Ray form of the ID.
func TestExporterRoundTrip(t *testing.T) {
	s := start(t)
	exp, err := datadog.New(datadog.WithAgentURL(s.URL()), datadog.WithService("shop"))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer func() { _ = tp.Shutdown(context.Background()) }()
	tr := tp.Tracer("test")
	_, other := tr.Start(context.Background(), "producer")
	other.End()
	ctx, root := tr.Start(context.Background(), "checkout", trace.WithSpanKind(trace.SpanKindServer),
		trace.WithLinks(trace.Link{SpanContext: other.SpanContext()}))
	_, child := tr.Start(ctx, "charge")
	child.End()
	root.End()
	if err := s.WaitFor(context.Background(), func(st Stats) bool { return st.Spans >= 3 }); err != nil {
		t.Fatal(err)
	}
	want := root.SpanContext().TraceID().String()
	got, ok := s.Trace("1-" + want[:8] + "-" + want[8:])
	if !ok {
		t.Fatalf("no trace %s; traces: %d", want, len(s.Traces()))
	}
	if len(got.Spans) != 2 || len(got.Roots()) != 1 {
		t.Fatalf("trace has %d spans, %d roots; want 2, 1", len(got.Spans), len(got.Roots()))
	}
	r := got.Roots()[0]
	if r.Service != "shop" || len(got.Children(r)) != 1 || got.Children(r)[0].Name == "" {
		t.Errorf("root %+v, children %d", r, len(got.Children(r)))
	}
	links := got.Links()
	ow := other.SpanContext().TraceID().String()
	if len(links) != 1 || links[0].XRayTraceID() != "1-"+ow[:8]+"-"+ow[8:] {
		t.Errorf("links %+v, want one to %s", links, ow)
	}
	var b bytes.Buffer
	if err := got.WriteTree(&b); err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"datadog trace 1-" + want[:8], "└─ shop", "linked to trace 1-" + ow[:8]} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("tree lacks %q:\n%s", w, b.String())
		}
	}
}

// TestHostilePayloads: every bad payload gets a 400 and a count, never a
// panic or a huge allocation.
func TestHostilePayloads(t *testing.T) {
	s := start(t)
	bad := map[string][]byte{
		"not msgpack":        []byte("{}"),
		"huge array claim":   {0xdd, 0x7f, 0xff, 0xff, 0xff},
		"huge map claim":     {0x91, 0x91, 0xdf, 0x7f, 0xff, 0xff, 0xff},
		"span not a map":     {0x91, 0x91, 0x01},
		"negative id":        msgp.AppendInt64(msgp.AppendString(msgp.AppendMapHeader([]byte{0x91, 0x91}, 1), "span_id"), -1),
		"trailing bytes":     {0x90, 0x00},
		"truncated":          msgp.AppendString(msgp.AppendMapHeader([]byte{0x91, 0x91}, 2), "name"),
		"string as trace_id": msgp.AppendString(msgp.AppendString(msgp.AppendMapHeader([]byte{0x91, 0x91}, 1), "trace_id"), "x"),
	}
	for name, body := range bad {
		t.Run(name, func(t *testing.T) {
			req, _ := http.NewRequest(http.MethodPut, s.URL()+"/v0.4/traces", bytes.NewReader(body))
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			_ = resp.Body.Close()
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status %d, want 400", resp.StatusCode)
			}
		})
	}
	if st := s.Stats(); st.BadPayloads != uint64(len(bad)) || st.Spans != 0 {
		t.Errorf("stats %+v, want %d bad payloads and no spans", st, len(bad))
	}
}

func TestParseDatagram(t *testing.T) {
	tests := []struct {
		in      string
		want    []string // Metric.String of each value
		wantErr string
	}{
		{"page.views:1|c", []string{"page.views:1|c"}, ""},
		{"orders.placed:2|c|@0.5|#env:dev,item:tea", []string{"orders.placed:2|c|@0.5|#env:dev,item:tea"}, ""},
		{"latency:1.5:2.5|d|#fn:post", []string{"latency:1.5|d|#fn:post", "latency:2.5|d|#fn:post"}, ""},
		{"users:alice|s", []string{"users:alice|s"}, ""},
		{"temp:21|g|T1700000000|c:abc\nq:1|ms", []string{"temp:21|g", "q:1|ms"}, ""},
		{"_e{5,4}:title|text\n_sc|check|0\nx:1|c", []string{"x:1|c"}, ""},
		{"x:1|q", nil, "unknown type"},
		{"x|c", nil, "no name:value"},
		{"x:abc|c\ny:1|c", []string{"y:1|c"}, "bad value"},
		{"x:1|c|@2", nil, "sample rate"},
		{"x:1", nil, "no |type"},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			ms, err := ParseDatagram([]byte(tt.in))
			if (err != nil) != (tt.wantErr != "") || (err != nil && !strings.Contains(err.Error(), tt.wantErr)) {
				t.Fatalf("error %v, want %q", err, tt.wantErr)
			}
			var got []string
			for _, m := range ms {
				got = append(got, m.String())
			}
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

// TestStatsd sends datagrams over UDP and reads them back, and prints them.
func TestStatsd(t *testing.T) {
	s := start(t)
	c, err := net.Dial("udp", s.StatsdAddr())
	if err != nil {
		t.Fatal(err)
	}
	defer func() { _ = c.Close() }()
	for _, d := range []string{"orders:1|c|#item:tea\norders:1|c|#item:tea", "bad line", "size:3|d|#item:tea"} {
		if _, err := c.Write([]byte(d)); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
	defer cancel()
	if err := s.WaitFor(ctx, func(st Stats) bool { return st.MetricDatagrams >= 3 }); err != nil {
		t.Fatal(err)
	}
	if st := s.Stats(); st.Metrics != 3 || st.BadLines != 1 {
		t.Errorf("stats %+v, want 3 values and 1 bad line", st)
	}
	var b bytes.Buffer
	_ = s.WriteMetrics(&b)
	for _, w := range []string{"orders (c) sum 2  #item:tea", "size (d) values 3"} {
		if !strings.Contains(b.String(), w) {
			t.Errorf("metrics lack %q:\n%s", w, b.String())
		}
	}
	if v, ok := s.Metrics()[0].Tag("item"); !ok || v != "tea" {
		t.Errorf("tag item = %q, %v", v, ok)
	}
}

func TestEnv(t *testing.T) {
	s := start(t)
	env := strings.Join(s.Env(), " ")
	for _, w := range []string{"DD_TRACE_AGENT_URL=http://127.0.0.1:", "DD_DOGSTATSD_URL=udp://127.0.0.1:", "DD_AGENT_HOST=127.0.0.1", "DD_DOGSTATSD_PORT="} {
		if !strings.Contains(env, w) {
			t.Errorf("env %q lacks %q", env, w)
		}
	}
	if s2 := start(t, WithoutStatsd()); s2.StatsdAddr() != "" || len(s2.Env()) != 1 {
		t.Errorf("WithoutStatsd: %q %v", s2.StatsdAddr(), s2.Env())
	}
}

func FuzzDecodePayload(f *testing.F) {
	f.Add([]byte{0x91, 0x91, 0x80})
	f.Add(msgp.AppendString(msgp.AppendMapHeader([]byte{0x91, 0x91}, 1), "name"))
	f.Fuzz(func(t *testing.T, b []byte) {
		traces, err := decodePayload(b)
		if err == nil && len(traces) > len(b) {
			t.Fatalf("%d traces from %d bytes", len(traces), len(b))
		}
	})
}

func FuzzParseDatagram(f *testing.F) {
	f.Add([]byte("a:1|c|@0.5|#x:y\nb:1:2|d"))
	f.Fuzz(func(t *testing.T, b []byte) { _, _ = ParseDatagram(b) })
}
