package wire

import (
	"math"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/encoding/prototext"
	"google.golang.org/protobuf/proto"
)

// FuzzOTLP feeds names, keys, values and counts from the fuzzer through the
// OTLP packer: every datagram must fit 64,000 bytes and decode with the
// official protobuf package, every span must arrive once, and a span that
// was not trimmed must read back exactly as wantSpan builds it.
func FuzzOTLP(f *testing.F) {
	f.Add("GET /", "http.url", "https://u:p@h/x", 1.5, int64(200), uint16(1), uint16(0))
	f.Add("", "", "", 0.0, int64(0), uint16(0), uint16(3))
	f.Add("\xff\xfe<>", "a.b\x00c", "\xed\xa0\x80 \u2028", math.Inf(1), int64(-1), uint16(40), uint16(1))
	f.Add("q", "db.statement", strings.Repeat("é", 300), math.NaN(), int64(math.MinInt64), uint16(700), uint16(2))
	f.Fuzz(func(t *testing.T, name, key, value string, num float64, n int64, count, repeat uint16) {
		count = count%300 + 1
		big := strings.Repeat(value, int(repeat%64))
		var stubs tracetest.SpanStubs
		for i := uint64(1); i <= uint64(count); i++ {
			s := span(i, i/2, attribute.String(key, value), attribute.Float64(key+".f", num),
				attribute.Int64("n", n), attribute.StringSlice("s", []string{value, name}), attribute.String("big", big))
			s.Name = name
			s.Resource = otlpRes
			s.Status = sdktrace.Status{Code: codes.Code(n & 3 % 3), Description: value}
			s.SpanKind = trace.SpanKind(uint64(n) % 6)
			s.Events = []sdktrace.Event{{Name: name, Time: s.StartTime, Attributes: []attribute.KeyValue{attribute.String(key, value)}}}
			stubs = append(stubs, s)
		}
		p, tds, _ := packOTLP(t, stubs, func(i int) bool { return n&4 != 0 && i%3 == 0 })
		got := allSpans(tds)
		if len(got) != int(count) {
			t.Fatalf("%d spans arrived of %d", len(got), count)
		}
		if p.Trimmed() > 0 {
			return
		}
		want := map[string]sdktrace.ReadOnlySpan{}
		for _, s := range stubs.Snapshots() {
			id := s.SpanContext().SpanID()
			want[string(id[:])] = s
		}
		for _, g := range got {
			w := wantSpan(want[string(g.SpanId)])
			if !proto.Equal(g, w) {
				t.Fatalf("span read back differs:\ngot  %v\nwant %v", prototext.Format(g), prototext.Format(w))
			}
		}
	})
}
