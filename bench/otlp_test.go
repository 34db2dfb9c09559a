package bench

import (
	"context"
	"encoding/base64"
	"net"
	"runtime"
	"testing"

	"go.opentelemetry.io/otel/exporters/otlp/otlptrace"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	resourcepb "go.opentelemetry.io/proto/otlp/resource/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/wire"
)

// awsClient is the design of AWS's Go exporter (aws-otel-go
// exporters/xrayudp): an otlptrace.Client whose UploadTraces marshals the
// batch with proto.Marshal, base64-encodes it behind the header and "T1S"
// and writes it as one datagram. TracesData has the wire form of
// ExportTraceServiceRequest (its package would add gRPC to the build).
type awsClient struct{ conn *net.UDPConn }

func (c *awsClient) Start(context.Context) error { return nil }
func (c *awsClient) Stop(context.Context) error  { return nil }
func (c *awsClient) UploadTraces(_ context.Context, rs []*tracepb.ResourceSpans) error {
	raw, err := proto.Marshal(&tracepb.TracesData{ResourceSpans: rs})
	if err != nil {
		return err
	}
	_, err = c.conn.Write([]byte(wire.Header + wire.PrefixSampled + base64.StdEncoding.EncodeToString(raw)))
	return err
}

// BenchmarkFormats exports the same 100 spans (a Lambda invocation: the
// handler and 99 DynamoDB calls) as segments, as OTLP by otelxray, and as
// OTLP the way AWS's exporter does it, and reports the cost per span.
func BenchmarkFormats(b *testing.B) {
	spans := captured(b, 99)
	newOurs := func(f xrayudp.Format) func(addr string) sdktrace.SpanExporter {
		return func(addr string) sdktrace.SpanExporter {
			exp, err := xrayudp.New(xrayudp.WithEndpoint(addr), xrayudp.WithLambda(true), xrayudp.WithFormat(f))
			if err != nil {
				b.Fatal(err)
			}
			return exp
		}
	}
	for _, c := range []struct {
		name string
		exp  func(addr string) sdktrace.SpanExporter
	}{
		{"segments", newOurs(xrayudp.FormatSegments)},
		{"otlp", newOurs(xrayudp.FormatOTLP)},
		{"aws-otlptrace", func(addr string) sdktrace.SpanExporter {
			raddr, err := net.ResolveUDPAddr("udp", addr)
			if err != nil {
				b.Fatal(err)
			}
			conn, err := net.DialUDP("udp", nil, raddr)
			if err != nil {
				b.Fatal(err)
			}
			exp, err := otlptrace.New(context.Background(), &awsClient{conn: conn})
			if err != nil {
				b.Fatal(err)
			}
			return exp
		}},
	} {
		b.Run(c.name, func(b *testing.B) {
			r := receiver(b, 8<<20, false)
			exp := c.exp(r.Addr())
			defer exp.Shutdown(context.Background())
			ctx := context.Background()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			for b.Loop() {
				if err := exp.ExportSpans(ctx, spans); err != nil {
					b.Fatal(err)
				}
			}
			runtime.ReadMemStats(&after)
			n := float64(b.N) * float64(len(spans))
			b.ReportMetric(float64(after.Mallocs-before.Mallocs)/n, "allocs/span")
			b.ReportMetric(float64(after.TotalAlloc-before.TotalAlloc)/n, "B/span")
			report(b, r, len(spans))
		})
	}
}

// TestOTLPMatchesAWSDesign checks that otelxray's OTLP datagram for the
// benchmark's 100 spans decodes to what AWS's design (otlptrace's
// transform and proto.Marshal) sends.
func TestOTLPMatchesAWSDesign(t *testing.T) {
	spans, err := Capture(99)
	if err != nil {
		t.Fatal(err)
	}
	var p wire.OTLPPacker
	for _, s := range spans {
		p.Add(s, false)
	}
	p.Pack()
	var theirs []*tracepb.ResourceSpans
	exp, err := otlptrace.New(context.Background(), uploadFunc(func(rs []*tracepb.ResourceSpans) { theirs = rs }))
	if err != nil {
		t.Fatal(err)
	}
	if err := exp.ExportSpans(context.Background(), spans); err != nil {
		t.Fatal(err)
	}
	if p.Len() != 1 {
		t.Fatalf("%d datagrams, want 1", p.Len())
	}
	raw, err := base64.StdEncoding.DecodeString(string(p.Datagram(0)[len(wire.Header)+len(wire.PrefixSampled):]))
	if err != nil {
		t.Fatal(err)
	}
	var ours tracepb.TracesData
	if err := proto.Unmarshal(raw, &ours); err != nil {
		t.Fatal(err)
	}
	got, want := bySpan(ours.ResourceSpans), bySpan(theirs)
	if len(got) != len(want) || len(got) != len(spans) {
		t.Fatalf("%d spans, otlptrace %d, want %d", len(got), len(want), len(spans))
	}
	for id, w := range want {
		g := got[id]
		if g == nil || !proto.Equal(g.span, w.span) || !proto.Equal(g.res, w.res) || !proto.Equal(g.scope, w.scope) {
			t.Errorf("span %x differs from otlptrace's:\nours   %v\ntheirs %v", id, g, w)
		}
	}
	// Both are one datagram of the same size (the order of spans differs:
	// otelxray writes the root first).
	theirRaw, err := proto.Marshal(&tracepb.TracesData{ResourceSpans: theirs})
	if err != nil || len(theirRaw) != len(raw) {
		t.Errorf("%d bytes, otlptrace's %d (%v)", len(raw), len(theirRaw), err)
	}
}

type placed struct {
	res   *resourcepb.Resource
	scope *commonpb.InstrumentationScope
	span  *tracepb.Span
}

func bySpan(rss []*tracepb.ResourceSpans) map[string]*placed {
	out := map[string]*placed{}
	for _, rs := range rss {
		for _, ss := range rs.ScopeSpans {
			for _, sp := range ss.Spans {
				out[string(sp.SpanId)] = &placed{rs.Resource, ss.Scope, sp}
			}
		}
	}
	return out
}

type uploadFunc func([]*tracepb.ResourceSpans)

func (uploadFunc) Start(context.Context) error { return nil }
func (uploadFunc) Stop(context.Context) error  { return nil }
func (f uploadFunc) UploadTraces(_ context.Context, rs []*tracepb.ResourceSpans) error {
	f(rs)
	return nil
}
