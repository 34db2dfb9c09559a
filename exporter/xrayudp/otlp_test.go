package xrayudp_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// otlpSpans decodes OTLP datagrams with the official protobuf package
// (TracesData is wire-identical to ExportTraceServiceRequest) and returns
// their spans and prefixes.
func otlpSpans(t *testing.T, gs []fakedaemon.Datagram) ([]*tracepb.Span, []string) {
	t.Helper()
	var spans []*tracepb.Span
	var prefixes []string
	for _, g := range gs {
		if len(g.Raw) > segment.MaxDatagramSize {
			t.Errorf("datagram of %d bytes", len(g.Raw))
		}
		rest, ok := strings.CutPrefix(string(g.Raw), wire.Header)
		if !ok || len(rest) < 3 {
			t.Fatalf("not a daemon datagram: %.80q", g.Raw)
		}
		prefixes = append(prefixes, rest[:3])
		raw, err := base64.StdEncoding.DecodeString(rest[3:])
		if err != nil {
			t.Fatal(err)
		}
		var td tracepb.TracesData
		if err := proto.Unmarshal(raw, &td); err != nil {
			t.Fatal(err)
		}
		for _, rs := range td.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				spans = append(spans, ss.Spans...)
			}
		}
	}
	return spans, prefixes
}

func TestOTLPLambdaParenting(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithLambda(true), xrayudp.WithFormat(xrayudp.FormatOTLP))
	tr := newProvider(exp).Tracer("test")
	ctx, root := tr.Start(lambdaContext(lambdaHeader), "handler", trace.WithSpanKind(trace.SpanKindServer))
	_, child := tr.Start(ctx, "work")
	child.End()
	root.End()
	spans, prefixes := otlpSpans(t, d.Wait(t, 2, 2*time.Second))
	for i, s := range spans {
		if prefixes[i] != wire.PrefixSampled {
			t.Errorf("prefix %q", prefixes[i])
		}
		if got := trace.TraceID(s.TraceId); got != testTrace {
			t.Errorf("%s: trace id %s, want Lambda's Root", s.Name, got)
		}
		if s.Name == "handler" && trace.SpanID(s.ParentSpanId).String() != "53995c3f42cd8ad8" {
			t.Errorf("invocation span's parent %x, want Lambda's Parent=", s.ParentSpanId)
		}
		if s.Name == "handler" && s.Flags&0x200 == 0 {
			t.Errorf("invocation span's parent not marked remote: flags %#x", s.Flags)
		}
	}
}

func TestOTLPLambdaDrops(t *testing.T) {
	other := span(10, 0)
	other.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(99), TraceFlags: trace.FlagsSampled, Remote: true})
	unsampledParent := span(20, 0)
	unsampledParent.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(98), Remote: true})
	tests := []struct {
		name   string
		format xrayudp.Format
	}{{"segments", xrayudp.FormatSegments}, {"otlp", xrayudp.FormatOTLP}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fakedaemon.Start(t)
			exp := newExporter(t, d, xrayudp.WithLambda(true), xrayudp.WithFormat(tt.format))
			stubs := tracetest.SpanStubs{span(3, 2), span(2, 1), span(1, 0), span(4, 1), other, unsampledParent}
			if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
				t.Fatal(err)
			}
			if got := d.Wait(t, 1, 2*time.Second); len(d.Quiet(20*time.Millisecond)) != 1 {
				t.Fatalf("got %d datagrams, want only span 10: %.200s", len(got), got[0].Raw)
			}
			st := exp.Stats()
			if st.Dropped.NoParent != 4 || st.Dropped.Unsampled != 1 || st.Sent != 1 {
				t.Errorf("stats = %+v, want 4 no-parent, 1 unsampled (Sampled=0), 1 sent", st)
			}
		})
	}
}

func TestOTLPUnsampledAsT1U(t *testing.T) {
	unsampled := span(5, 1)
	unsampled.SpanContext = trace.NewSpanContext(trace.SpanContextConfig{TraceID: testTrace, SpanID: sid(5)})
	stubs := tracetest.SpanStubs{span(1, 0), span(2, 1), unsampled}
	for _, asked := range []bool{false, true} {
		d := fakedaemon.Start(t)
		opts := []xrayudp.Option{xrayudp.WithFormat(xrayudp.FormatOTLP)}
		if asked {
			opts = append(opts, xrayudp.WithUnsampledSpans())
		}
		exp := newExporter(t, d, opts...)
		if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
			t.Fatal(err)
		}
		want := 1
		if asked {
			want = 2
		}
		d.Wait(t, want, 2*time.Second)
		spans, prefixes := otlpSpans(t, d.Quiet(20*time.Millisecond))
		if len(prefixes) != want || prefixes[0] != wire.PrefixSampled {
			t.Fatalf("asked=%v: prefixes %v", asked, prefixes)
		}
		if asked && (prefixes[1] != wire.PrefixUnsampled || len(spans) != 3 || trace.SpanID(spans[2].SpanId) != sid(5)) {
			t.Errorf("the unsampled span is not alone behind T1U: %v", prefixes)
		}
		if st := exp.Stats(); asked == (st.Dropped.Unsampled != 0) {
			t.Errorf("asked=%v: stats %+v", asked, st)
		}
	}
}

func TestOTLPThousandSpansOneExport(t *testing.T) {
	d := fakedaemon.Start(t, fakedaemon.WithReadBuffer(8<<20))
	exp := newExporter(t, d, xrayudp.WithFormat(xrayudp.FormatOTLP))
	var stubs tracetest.SpanStubs
	for i := uint64(1); i <= 1000; i++ {
		stubs = append(stubs, span(i, (i-1)/3, dynamoAttrs(int(i))...))
	}
	if err := exp.ExportSpans(context.Background(), stubs.Snapshots()); err != nil {
		t.Fatal(err)
	}
	st := exp.Stats()
	gs := d.Wait(t, int(st.Datagrams), 5*time.Second)
	spans, _ := otlpSpans(t, gs)
	if len(spans) != 1000 || st.Sent != 1000 {
		t.Fatalf("%d spans arrived, %d sent, want 1000", len(spans), st.Sent)
	}
	t.Logf("1,000 spans in %d datagrams, %d bytes", st.Datagrams, st.Bytes)
}

func TestOTLPMegabyteAttributeTrimmed(t *testing.T) {
	d := fakedaemon.Start(t)
	exp := newExporter(t, d, xrayudp.WithFormat(xrayudp.FormatOTLP))
	s := span(1, 0, attribute.String("payload", strings.Repeat("x", 1<<20)))
	if err := exp.ExportSpans(context.Background(), []sdktrace.ReadOnlySpan{s.Snapshot()}); err != nil {
		t.Fatal(err)
	}
	spans, _ := otlpSpans(t, d.Wait(t, 1, 2*time.Second))
	if st := exp.Stats(); len(spans) != 1 || st.Trimmed != 1 || st.Sent != 1 {
		t.Fatalf("%d spans, stats %+v: want the span sent, trimmed", len(spans), st)
	}
}

func TestFormatFromEnvironment(t *testing.T) {
	tests := []struct {
		value   string
		wantErr bool
	}{{"", false}, {"segments", false}, {"otlp", false}, {"OTLP", false}, {"xml", true}}
	for _, tt := range tests {
		t.Run(tt.value, func(t *testing.T) {
			t.Setenv(xrayudp.EnvFormat, tt.value)
			exp, err := xrayudp.New(xrayudp.WithEndpoint("127.0.0.1:2000"))
			if (err != nil) != tt.wantErr {
				t.Fatalf("err = %v, wantErr %v", err, tt.wantErr)
			}
			if err != nil {
				if !strings.Contains(err.Error(), xrayudp.EnvFormat) {
					t.Errorf("error does not name the variable: %v", err)
				}
				return
			}
			_ = exp.Shutdown(context.Background())
		})
	}
}
