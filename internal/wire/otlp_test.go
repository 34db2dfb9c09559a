package wire

import (
	"encoding/base64"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"

	"github.com/otelxray/otelxray/internal/scrub"
	"github.com/otelxray/otelxray/segment"
)

var updateOTLP = flag.Bool("update-otlp", false, "rewrite testdata/otlp golden files")

// decodeOTLP checks a datagram's header and prefix and decodes its payload
// with the official protobuf package. TracesData has the same wire form as
// ExportTraceServiceRequest (field 1, repeated ResourceSpans); the collector
// package that defines the latter also brings gRPC.
func decodeOTLP(t testing.TB, d []byte) (string, *tracepb.TracesData) {
	t.Helper()
	if len(d) > segment.MaxDatagramSize {
		t.Fatalf("datagram of %d bytes, over %d", len(d), segment.MaxDatagramSize)
	}
	rest, ok := strings.CutPrefix(string(d), Header)
	if !ok || len(rest) < 3 {
		t.Fatalf("datagram does not start with the header: %.60q", d)
	}
	prefix := rest[:3]
	if prefix != PrefixSampled && prefix != PrefixUnsampled {
		t.Fatalf("prefix %q", prefix)
	}
	raw, err := base64.StdEncoding.DecodeString(rest[3:])
	if err != nil {
		t.Fatalf("base64: %v", err)
	}
	var td tracepb.TracesData
	if err := proto.Unmarshal(raw, &td); err != nil {
		t.Fatalf("official decoder: %v", err)
	}
	return prefix, &td
}

func packOTLP(t testing.TB, stubs tracetest.SpanStubs, unsampled func(i int) bool) (*OTLPPacker, []*tracepb.TracesData, []string) {
	t.Helper()
	var p OTLPPacker
	for i, s := range stubs.Snapshots() {
		p.Add(s, unsampled != nil && unsampled(i))
	}
	p.Pack()
	var out []*tracepb.TracesData
	var prefixes []string
	for k := range p.Len() {
		prefix, td := decodeOTLP(t, p.Datagram(k))
		n := 0
		for _, rs := range td.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				n += len(ss.Spans)
			}
		}
		if n != p.Spans(k) {
			t.Errorf("datagram %d: Spans says %d, carries %d", k, p.Spans(k), n)
		}
		out = append(out, td)
		prefixes = append(prefixes, prefix)
	}
	return &p, out, prefixes
}

// wantSpan is the OTLP span an exporter must write for s, built field by
// field from the specification with the official types, independently of
// the encoder (strings pass the same scrubbing and UTF-8 repair).
func wantSpan(s sdktrace.ReadOnlySpan) *tracepb.Span {
	sc, parent := s.SpanContext(), s.Parent()
	tid, sid := sc.TraceID(), sc.SpanID()
	out := &tracepb.Span{
		TraceId: tid[:], SpanId: sid[:], TraceState: sc.TraceState().String(),
		Name: validUTF8(scrub.Redact(s.Name()), -1), Kind: tracepb.Span_SpanKind(s.SpanKind()),
		StartTimeUnixNano: uint64(s.StartTime().UnixNano()), EndTimeUnixNano: uint64(s.EndTime().UnixNano()),
		Attributes:             wantKVs(s.Attributes()),
		DroppedAttributesCount: uint32(s.DroppedAttributes()),
		DroppedEventsCount:     uint32(s.DroppedEvents()),
		DroppedLinksCount:      uint32(s.DroppedLinks()),
		Status:                 &tracepb.Status{Message: validUTF8(scrub.Redact(s.Status().Description), -1)},
		Flags:                  uint32(sc.TraceFlags()) | 0x100,
	}
	if parent.HasSpanID() {
		pid := parent.SpanID()
		out.ParentSpanId = pid[:]
	}
	if parent.IsRemote() {
		out.Flags |= 0x200
	}
	switch s.Status().Code {
	case codes.Ok:
		out.Status.Code = tracepb.Status_STATUS_CODE_OK
	case codes.Error:
		out.Status.Code = tracepb.Status_STATUS_CODE_ERROR
	}
	for _, ev := range s.Events() {
		out.Events = append(out.Events, &tracepb.Span_Event{TimeUnixNano: uint64(ev.Time.UnixNano()), Name: validUTF8(scrub.Redact(ev.Name), -1),
			Attributes: wantKVs(ev.Attributes), DroppedAttributesCount: uint32(ev.DroppedAttributeCount)})
	}
	for _, l := range s.Links() {
		ltid, lsid := l.SpanContext.TraceID(), l.SpanContext.SpanID()
		f := uint32(l.SpanContext.TraceFlags()) | 0x100
		if l.SpanContext.IsRemote() {
			f |= 0x200
		}
		out.Links = append(out.Links, &tracepb.Span_Link{TraceId: ltid[:], SpanId: lsid[:], TraceState: l.SpanContext.TraceState().String(),
			Attributes: wantKVs(l.Attributes), DroppedAttributesCount: uint32(l.DroppedAttributeCount), Flags: f})
	}
	return out
}

func wantKVs(attrs []attribute.KeyValue) []*commonpb.KeyValue {
	var out []*commonpb.KeyValue
	for _, kv := range attrs {
		out = append(out, &commonpb.KeyValue{Key: validUTF8(string(kv.Key), -1), Value: wantValue(string(kv.Key), kv.Value)})
	}
	return out
}

func wantValue(key string, v attribute.Value) *commonpb.AnyValue {
	arr := func(vs []*commonpb.AnyValue) *commonpb.AnyValue {
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_ArrayValue{ArrayValue: &commonpb.ArrayValue{Values: vs}}}
	}
	var vs []*commonpb.AnyValue
	switch v.Type() {
	case attribute.BOOL:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_BoolValue{BoolValue: v.AsBool()}}
	case attribute.INT64:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_IntValue{IntValue: v.AsInt64()}}
	case attribute.FLOAT64:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_DoubleValue{DoubleValue: v.AsFloat64()}}
	case attribute.STRING:
		return &commonpb.AnyValue{Value: &commonpb.AnyValue_StringValue{StringValue: validUTF8(scrub.Value(key, v.AsString()), -1)}}
	case attribute.STRINGSLICE:
		for _, x := range v.AsStringSlice() {
			vs = append(vs, wantValue(key, attribute.StringValue(x)))
		}
		return arr(vs)
	case attribute.INT64SLICE:
		for _, x := range v.AsInt64Slice() {
			vs = append(vs, wantValue(key, attribute.Int64Value(x)))
		}
		return arr(vs)
	case attribute.BOOLSLICE:
		for _, x := range v.AsBoolSlice() {
			vs = append(vs, wantValue(key, attribute.BoolValue(x)))
		}
		return arr(vs)
	case attribute.FLOAT64SLICE:
		for _, x := range v.AsFloat64Slice() {
			vs = append(vs, wantValue(key, attribute.Float64Value(x)))
		}
		return arr(vs)
	}
	return &commonpb.AnyValue{}
}

// allSpans flattens decoded datagrams.
func allSpans(tds []*tracepb.TracesData) []*tracepb.Span {
	var out []*tracepb.Span
	for _, td := range tds {
		for _, rs := range td.ResourceSpans {
			for _, ss := range rs.ScopeSpans {
				out = append(out, ss.Spans...)
			}
		}
	}
	return out
}

var otlpRes = resource.NewSchemaless(attribute.String("service.name", "orders"), attribute.String("cloud.provider", "aws"))

func richSpans() tracetest.SpanStubs {
	root := span(1, 0, attribute.String("http.request.method", "GET"), attribute.Int("http.response.status_code", 200))
	root.SpanKind = trace.SpanKindServer
	root.Resource = otlpRes
	root.InstrumentationScope = instrumentation.Scope{Name: "lambdatrace", Version: "1.0.0"}
	child := span(2, 1, dynamoAttrs(3)...)
	child.SpanKind = trace.SpanKindClient
	child.Resource = otlpRes
	child.InstrumentationScope = instrumentation.Scope{Name: "awssdk"}
	child.Status = sdktrace.Status{Code: codes.Error, Description: "ConditionalCheckFailed"}
	child.Events = []sdktrace.Event{{Name: "exception", Time: child.StartTime, Attributes: []attribute.KeyValue{attribute.String("exception.message", "boom")}}}
	child.Links = []sdktrace.Link{{SpanContext: spanContext(9), Attributes: []attribute.KeyValue{attribute.Bool("x", true)}}}
	leaf := span(3, 2, attribute.Float64("f", math.Pi), attribute.Int64Slice("n", []int64{1, -2}), attribute.BoolSlice("b", []bool{true}),
		attribute.Float64Slice("fs", []float64{0.5}))
	leaf.Resource = otlpRes
	leaf.InstrumentationScope = instrumentation.Scope{Name: "awssdk"}
	return tracetest.SpanStubs{leaf, child, root}
}

func TestOTLPRoundTrip(t *testing.T) {
	stubs := richSpans()
	p, tds, prefixes := packOTLP(t, stubs, nil)
	if p.Len() != 1 || prefixes[0] != PrefixSampled {
		t.Fatalf("got %d datagrams %v, want one T1S", p.Len(), prefixes)
	}
	td := tds[0]
	if len(td.ResourceSpans) != 1 || len(td.ResourceSpans[0].ScopeSpans) != 2 {
		t.Fatalf("resource and scopes not once each: %v", prototext.Format(td))
	}
	got := allSpans(tds)
	snaps := stubs.Snapshots()
	// Root first, then by depth.
	for i, want := range []sdktrace.ReadOnlySpan{snaps[2], snaps[1], snaps[0]} {
		if !proto.Equal(got[i], wantSpan(want)) {
			t.Errorf("span %d:\ngot  %v\nwant %v", i, prototext.Format(got[i]), prototext.Format(wantSpan(want)))
		}
	}
	golden(t, "otlp_rich.datagram", string(p.Datagram(0)))
	// The golden datagram itself decodes to the same spans.
	want, err := os.ReadFile(filepath.Join("testdata", "otlp_rich.datagram"))
	if err != nil {
		t.Fatal(err)
	}
	if _, gtd := decodeOTLP(t, want); !proto.Equal(gtd, td) {
		t.Errorf("golden datagram decodes to\n%v", prototext.Format(gtd))
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *updateOTLP {
		if err := os.MkdirAll("testdata", 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update-otlp to create it)", err)
	}
	if got != string(want) {
		t.Errorf("datagram differs from %s (go test -update-otlp rewrites it):\ngot:\n%s\nwant:\n%s", path, got, want)
	}
}

func TestOTLPThousandSpans(t *testing.T) {
	var stubs tracetest.SpanStubs
	for i := uint64(1); i <= 1000; i++ {
		s := span(i, (i-1)/4, dynamoAttrs(int(i))...)
		s.Resource = otlpRes
		stubs = append(stubs, s)
	}
	p, tds, _ := packOTLP(t, stubs, nil)
	got := allSpans(tds)
	if len(got) != 1000 {
		t.Fatalf("%d spans arrived, want 1000", len(got))
	}
	seen := map[string]bool{}
	for _, s := range got {
		seen[string(s.SpanId)] = true
	}
	if len(seen) != 1000 {
		t.Fatalf("%d distinct spans, want 1000", len(seen))
	}
	for k := range p.Len() {
		if len(p.Datagram(k)) > segment.MaxDatagramSize {
			t.Errorf("datagram %d: %d bytes", k, len(p.Datagram(k)))
		}
		if len(tds[k].ResourceSpans) != 1 {
			t.Errorf("datagram %d: resource %d times", k, len(tds[k].ResourceSpans))
		}
	}
	if string(got[0].SpanId) != idString(1) {
		t.Errorf("the root is not in the first datagram")
	}
	t.Logf("1,000 spans in %d datagrams", p.Len())
	if p.Len() < 2 || p.Trimmed() != 0 {
		t.Errorf("%d datagrams, %d trimmed", p.Len(), p.Trimmed())
	}
}

func TestOTLPHugeAttributeTrimmed(t *testing.T) {
	big := strings.Repeat("x", 1<<20)
	tests := []struct {
		name  string
		attrs []attribute.KeyValue
		steps string
	}{
		{"one 1 MB string", []attribute.KeyValue{attribute.String("payload", big), attribute.String("keep", "me")}, "strings"},
		{"many long strings", manyLong(200), "strings,events,attributes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := span(2, 1, tt.attrs...)
			s.Resource = otlpRes
			p, tds, _ := packOTLP(t, tracetest.SpanStubs{s}, nil)
			got := allSpans(tds)
			if len(got) != 1 || p.Trimmed() != 1 {
				t.Fatalf("%d spans, %d trimmed; want the span, trimmed", len(got), p.Trimmed())
			}
			last := got[0].Attributes[len(got[0].Attributes)-1]
			if last.Key != TrimmedAttribute || last.Value.GetStringValue() != tt.steps {
				t.Errorf("trim note %v, want %q", last, tt.steps)
			}
			if got[0].Name != "op" || string(got[0].SpanId) != idString(2) {
				t.Errorf("identity lost: %v", got[0])
			}
		})
	}
}

func manyLong(n int) []attribute.KeyValue {
	var out []attribute.KeyValue
	for i := range n {
		out = append(out, attribute.String(strings.Repeat("k", 10)+string(rune('a'+i%26))+strings.Repeat("z", i), strings.Repeat("v", 1000)))
	}
	return out
}

func TestOTLPUnsampledNeverMixed(t *testing.T) {
	stubs := richSpans()
	_, tds, prefixes := packOTLP(t, stubs, func(i int) bool { return i == 0 })
	if len(prefixes) != 2 || prefixes[0] != PrefixSampled || prefixes[1] != PrefixUnsampled {
		t.Fatalf("prefixes %v, want T1S then T1U", prefixes)
	}
	if n := len(allSpans(tds[1:])); n != 1 {
		t.Errorf("T1U datagram carries %d spans, want 1", n)
	}
}

func TestOTLPDropOrphans(t *testing.T) {
	var p OTLPPacker
	stubs := tracetest.SpanStubs{span(2, 1), span(3, 2), span(4, 0)}.Snapshots()
	p.Drop(spanContext(1).SpanID())
	for _, s := range stubs {
		p.Add(s, false)
	}
	p.Pack()
	if p.Orphans() != 2 || p.Len() != 1 || p.Spans(0) != 1 {
		t.Errorf("orphans %d, datagrams %d; want 2 orphans and span 4 alone", p.Orphans(), p.Len())
	}
}

func idString(n uint64) string {
	id := spanContext(n).SpanID()
	return string(id[:])
}

func TestOTLPResourcesAndScopesOncePerDatagram(t *testing.T) {
	huge := resource.NewSchemaless(attribute.String("service.name", "big"), attribute.String("blob", strings.Repeat("r", 100_000)))
	var stubs tracetest.SpanStubs
	for i := uint64(1); i <= 600; i++ {
		s := span(i, 0, dynamoAttrs(int(i))...)
		s.Resource = otlpRes
		if i%3 == 0 {
			s.Resource = huge
		}
		s.InstrumentationScope = instrumentation.Scope{Name: []string{"a", "b", "c", "d"}[i%4]}
		stubs = append(stubs, s)
	}
	p, tds, _ := packOTLP(t, stubs, nil)
	if got := len(allSpans(tds)); got != 600 || p.Trimmed() != 0 {
		t.Fatalf("%d spans arrived, %d trimmed; want 600, none", got, p.Trimmed())
	}
	for k, td := range tds {
		resources := map[string]bool{}
		for _, rs := range td.ResourceSpans {
			key := prototext.Format(rs.Resource)
			if resources[key] {
				t.Errorf("datagram %d: a resource twice", k)
			}
			resources[key] = true
			scopes := map[string]bool{}
			for _, ss := range rs.ScopeSpans {
				if scopes[ss.Scope.Name] {
					t.Errorf("datagram %d: scope %s twice under one resource", k, ss.Scope.Name)
				}
				scopes[ss.Scope.Name] = true
			}
			for _, kv := range rs.Resource.Attributes {
				if kv.Key == "blob" && len(kv.Value.GetStringValue()) > otlpNameMax {
					t.Errorf("the huge resource attribute was not cut: %d bytes", len(kv.Value.GetStringValue()))
				}
			}
		}
	}
}
