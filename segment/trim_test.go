package segment_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

func TestHostileSpansFit(t *testing.T) {
	many := make([]attribute.KeyValue, 10000)
	for i := range many {
		many[i] = attribute.String("attr."+strings.Repeat("k", i%50)+string(rune('a'+i%26))+string(rune('0'+i%10))+strings.Repeat("x", i/260), strings.Repeat("v", 20))
	}
	links := make([]sdktrace.Link, 300)
	for i := range links {
		links[i] = sdktrace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: trace.SpanID{9, byte(i >> 8), byte(i), 9, 9, 9, 9, 9}})}
	}
	stack := strings.Repeat("example.com/deep.f()\n\t/src/deep/"+strings.Repeat("d", 200)+".go:1 +0x1\n", 200)
	tests := []struct {
		name string
		cfg  segment.Config
		span func() sdktrace.ReadOnlySpan
		want segment.Trimmed // steps that must have been taken (at least)
	}{
		{"1 MB string attribute", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return stub("big", trace.SpanKindInternal, localParent(), attribute.String("payload", strings.Repeat("x", 1<<20)), attribute.String("small", "kept")).Snapshot()
		}, segment.TrimmedMetadata},
		{"10,000 attributes", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return stub("many", trace.SpanKindInternal, localParent(), many...).Snapshot()
		}, segment.TrimmedMetadata},
		{"10,000 attributes, all indexed", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return stub("many", trace.SpanKindInternal, localParent(), many...).Snapshot()
		}, segment.TrimmedMetadata},
		{"NaN and Inf", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return stub("nan", trace.SpanKindInternal, localParent(), attribute.Float64("nan", math.NaN()),
				attribute.Float64("inf", math.Inf(1)), attribute.Float64Slice("v", []float64{math.Inf(-1), 1})).Snapshot()
		}, 0},
		{"invalid UTF-8 everywhere", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return stub("\xff\xfe", trace.SpanKindServer, localParent(), attribute.String("k\xff", "v\xc3\x28"),
				attribute.String("http.url", "http://h/\xff")).Snapshot()
		}, 0},
		{"empty name", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return stub("", trace.SpanKindInternal, localParent()).Snapshot()
		}, 0},
		{"300 links", segment.Config{}, func() sdktrace.ReadOnlySpan {
			s := stub("links", trace.SpanKindConsumer, localParent())
			s.Links = links
			return s.Snapshot()
		}, 0},
		{"huge stacks", segment.Config{}, func() sdktrace.ReadOnlySpan {
			s := stub("boom", trace.SpanKindInternal, localParent())
			for range 16 {
				s.Events = append(s.Events, sdktrace.Event{Name: "exception", Attributes: []attribute.KeyValue{
					attribute.String("exception.message", strings.Repeat("m", 300)), attribute.String("exception.stacktrace", stack)}})
			}
			return s.Snapshot()
		}, segment.TrimmedStack},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, why := segment.NewTranslator(tc.cfg).Translate(tc.span())
			if why != segment.Keep {
				t.Fatalf("dropped: %v", why)
			}
			limit := segment.MaxDocumentSize - 2 - segment.IndependentSize
			body, trimmed := segment.AppendFieldsLimited(nil, &d, limit)
			if len(body) > limit {
				t.Fatalf("%d bytes, limit %d", len(body), limit)
			}
			if trimmed&tc.want != tc.want {
				t.Errorf("trimmed %q, want at least %q", trimmed, tc.want)
			}
			doc := segment.AppendDocument(nil, &d)
			if err := validate.Document(doc); err != nil {
				t.Fatalf("invalid: %v\n%.2000s", err, doc)
			}
			if trimmed != 0 {
				var m map[string]any
				if err := json.Unmarshal(doc, &m); err != nil {
					t.Fatal(err)
				}
				if got := field(m, "metadata.otelxray.trimmed"); got != trimmed.String() {
					t.Errorf("metadata.otelxray.trimmed = %v, want %q", got, trimmed)
				}
			}
			if tc.name == "1 MB string attribute" && !strings.Contains(string(doc), `"small":"kept"`) {
				t.Errorf("trimming dropped more metadata than needed: %.500s", doc)
			}
		})
	}
}

func TestTrimmedString(t *testing.T) {
	if got := (segment.TrimmedMetadata | segment.TrimmedStack).String(); got != "metadata,stack" {
		t.Errorf("String = %q", got)
	}
}
