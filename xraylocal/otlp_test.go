package xraylocal

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/otelxray/otelxray/internal/spantest"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// lambdaSpans is one Lambda invocation: the handler under Lambda's own
// segment, two DynamoDB calls and an HTTP call that failed.
func lambdaSpans() []sdktrace.ReadOnlySpan {
	res := resource.NewSchemaless(attribute.String("service.name", "orders"), attribute.String("cloud.provider", "aws"),
		attribute.String("cloud.platform", "aws_lambda"), attribute.String("faas.name", "orders"))
	scope := instrumentation.Scope{Name: "lambdatrace"}
	now := time.Now().Truncate(time.Microsecond)
	at := func(s tracetest.SpanStub, start, dur int) tracetest.SpanStub {
		s.StartTime = now.Add(time.Duration(start) * time.Millisecond)
		s.EndTime = s.StartTime.Add(time.Duration(dur) * time.Millisecond)
		s.Resource, s.InstrumentationScope = res, scope
		return s
	}
	root := at(spantest.Span(1, 0, attribute.String("faas.invocation_id", "c6af9ac6")), 0, 40)
	root.Name, root.SpanKind = "orders", trace.SpanKindServer
	root.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: spantest.Trace, SpanID: spantest.SpanID(0x53995c3f42cd8ad8), TraceFlags: trace.FlagsSampled, Remote: true})
	get := at(spantest.Span(2, 1, spantest.DynamoAttrs(1)...), 2, 5)
	get.SpanKind = trace.SpanKindClient
	put := at(spantest.Span(3, 1, spantest.DynamoAttrs(2)...), 9, 6)
	put.SpanKind = trace.SpanKindClient
	call := at(spantest.Span(4, 1, attribute.String("http.request.method", "POST"), attribute.String("url.full", "https://pay.example.com/charge"),
		attribute.Int("http.response.status_code", 502), attribute.String("server.address", "pay.example.com")), 16, 20)
	call.Name, call.SpanKind = "POST", trace.SpanKindClient
	call.Status = sdktrace.Status{Code: codes.Error, Description: "bad gateway"}
	return tracetest.SpanStubs{get, put, call, root}.Snapshots()
}

func segmentDatagrams(spans []sdktrace.ReadOnlySpan) [][]byte {
	tr := segment.NewTranslator(segment.Config{Lambda: true})
	var p wire.Packer
	for _, s := range spans {
		if d, why := tr.Translate(s); why == segment.Keep {
			p.Add(&d)
		}
	}
	p.Pack()
	var out [][]byte
	for k := range p.Len() {
		out = append(out, p.Datagram(k))
	}
	return out
}

func otlpDatagrams(spans []sdktrace.ReadOnlySpan) [][]byte {
	var p wire.OTLPPacker
	for _, s := range spans {
		p.Add(s, false)
	}
	p.Pack()
	var out [][]byte
	for k := range p.Len() {
		out = append(out, p.Datagram(k))
	}
	return out
}

func receiveGrams(t *testing.T, grams [][]byte) *Server {
	t.Helper()
	s, _ := newTestServer(t)
	for _, g := range grams {
		s.Receive(g)
	}
	return s
}

func asJSON(t *testing.T, v any) string {
	t.Helper()
	b, err := json.MarshalIndent(v, "", " ")
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func TestOTLPAndSegmentsGiveEqualTreesAndMaps(t *testing.T) {
	spans := lambdaSpans()
	seg := receiveGrams(t, segmentDatagrams(spans))
	otlp := receiveGrams(t, otlpDatagrams(spans))
	id := segment.TraceIDString(spantest.Trace)
	a, okA := seg.Trace(id)
	b, okB := otlp.Trace(id)
	if !okA || !okB {
		t.Fatalf("trace %s: segments %v, otlp %v", id, okA, okB)
	}
	if a.Format != FormatSegments || b.Format != FormatOTLP {
		t.Errorf("formats %q and %q", a.Format, b.Format)
	}
	if sums := otlp.Traces(""); len(sums) != 1 || sums[0].Format != FormatOTLP {
		t.Errorf("trace list: %+v", sums)
	}
	a.Format, b.Format = "", ""
	if ga, gb := asJSON(t, a), asJSON(t, b); ga != gb {
		t.Errorf("trees differ:\nsegments: %s\notlp:     %s", ga, gb)
	}
	if ma, mb := asJSON(t, seg.ServiceMap()), asJSON(t, otlp.ServiceMap()); ma != mb {
		t.Errorf("service maps differ:\nsegments: %s\notlp:     %s", ma, mb)
	}
	if sa, sb := seg.Stats(), otlp.Stats(); sb.Datagrams != 1 || sb.Rejected != 0 || sb.Invalid != 0 || sa.Documents != 1 {
		t.Errorf("stats: segments %+v, otlp %+v", sa, sb)
	}
	if f := otlp.TraceFormat(id); f != FormatOTLP {
		t.Errorf("otlp trace format %q", f)
	}
	if f := seg.TraceFormat(id); f != FormatSegments {
		t.Errorf("segment trace format %q", f)
	}
	if ps := otlp.Problems(); len(ps) != 0 {
		t.Errorf("problems: %v", ps)
	}
}

// otlpGram encodes td as an OTLP datagram with prefix.
func otlpGram(t *testing.T, prefix string, td *tracepb.TracesData) []byte {
	t.Helper()
	raw, err := proto.Marshal(td)
	if err != nil {
		t.Fatal(err)
	}
	return []byte(wire.Header + prefix + base64.StdEncoding.EncodeToString(raw))
}

func TestOTLPProblems(t *testing.T) {
	good := func() *tracepb.TracesData {
		var td tracepb.TracesData
		raw, _ := base64.StdEncoding.DecodeString(string(otlpDatagrams(lambdaSpans())[0][len(wire.Header)+3:]))
		if err := proto.Unmarshal(raw, &td); err != nil {
			t.Fatal(err)
		}
		return &td
	}
	first := func(td *tracepb.TracesData) *tracepb.Span { return td.ResourceSpans[0].ScopeSpans[0].Spans[0] }
	tests := []struct {
		name  string
		gram  func() []byte
		rule  string
		field string
		kept  bool
	}{
		{"base64", func() []byte { return []byte(wire.Header + "T1S" + "not base64!") }, string(RuleOTLPBase64), "", false},
		{"proto", func() []byte {
			return []byte(wire.Header + "T1S" + base64.StdEncoding.EncodeToString([]byte{0xff, 0xff}))
		}, string(RuleOTLPProto), "", false},
		{"trace id", func() []byte {
			td := good()
			first(td).TraceId = make([]byte, 16)
			return otlpGram(t, "T1S", td)
		}, string(RuleOTLPTraceID), "resource_spans[0].scope_spans[0].spans[0].trace_id", true},
		{"span id", func() []byte {
			td := good()
			first(td).SpanId = []byte{1}
			return otlpGram(t, "T1S", td)
		}, string(RuleOTLPSpanID), "resource_spans[0].scope_spans[0].spans[0].span_id", true},
		{"end before start", func() []byte {
			td := good()
			first(td).EndTimeUnixNano = first(td).StartTimeUnixNano - 1
			return otlpGram(t, "T1S", td)
		}, string(RuleOTLPTime), "resource_spans[0].scope_spans[0].spans[0].end_time_unix_nano", true},
		{"no service.name", func() []byte {
			td := good()
			r := td.ResourceSpans[0].Resource
			r.Attributes = slices.DeleteFunc(r.Attributes, func(kv *commonpb.KeyValue) bool { return kv.Key == "service.name" })
			return otlpGram(t, "T1U", td)
		}, string(RuleOTLPResource), "resource_spans[0].resource", true},
		{"size", func() []byte {
			g := otlpDatagrams(lambdaSpans())[0]
			return append(g[:len(g):len(g)], strings.Repeat("A", 64000)...)
		}, string(RuleOTLPSize), "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := receiveGrams(t, [][]byte{tt.gram()})
			found := false
			for _, p := range s.Problems() {
				if string(p.Rule) == tt.rule && p.Field == tt.field {
					found = true
				}
			}
			if !found {
				t.Errorf("no %s problem on %q in %v", tt.rule, tt.field, s.Problems())
			}
			if st := s.Stats(); st.Datagrams != 1 || (st.Documents > 0) != tt.kept {
				t.Errorf("stats %+v, kept %v", st, tt.kept)
			}
		})
	}
}
