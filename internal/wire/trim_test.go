package wire

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
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
		links[i] = sdktrace.Link{SpanContext: spanContext(uint64(9000 + i))}
	}
	stack := strings.Repeat("example.com/deep.f()\n\t/src/deep/"+strings.Repeat("d", 200)+".go:1 +0x1\n", 200)
	tests := []struct {
		name string
		cfg  segment.Config
		span func() sdktrace.ReadOnlySpan
		want trimmed // steps that must have been taken (at least)
	}{
		{"1 MB string attribute", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return child("big", trace.SpanKindInternal, attribute.String("payload", strings.Repeat("x", 1<<20)), attribute.String("small", "kept")).Snapshot()
		}, trimmedMetadata},
		{"10,000 attributes", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return child("many", trace.SpanKindInternal, many...).Snapshot()
		}, trimmedMetadata},
		{"10,000 attributes, all indexed", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return child("many", trace.SpanKindInternal, many...).Snapshot()
		}, trimmedMetadata},
		{"NaN and Inf", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return child("nan", trace.SpanKindInternal, attribute.Float64("nan", math.NaN()),
				attribute.Float64("inf", math.Inf(1)), attribute.Float64Slice("v", []float64{math.Inf(-1), 1})).Snapshot()
		}, 0},
		{"invalid UTF-8 everywhere", segment.Config{IndexAll: true}, func() sdktrace.ReadOnlySpan {
			return child("\xff\xfe", trace.SpanKindServer, attribute.String("k\xff", "v\xc3\x28"),
				attribute.String("http.url", "http://h/\xff")).Snapshot()
		}, 0},
		{"empty name", segment.Config{}, func() sdktrace.ReadOnlySpan {
			return child("", trace.SpanKindInternal).Snapshot()
		}, 0},
		{"300 links", segment.Config{}, func() sdktrace.ReadOnlySpan {
			s := child("links", trace.SpanKindConsumer)
			s.Links = links
			return s.Snapshot()
		}, 0},
		{"huge stacks", segment.Config{}, func() sdktrace.ReadOnlySpan {
			s := child("boom", trace.SpanKindInternal)
			for range 16 {
				s.Events = append(s.Events, sdktrace.Event{Name: "exception", Attributes: []attribute.KeyValue{
					attribute.String("exception.message", strings.Repeat("m", 300)), attribute.String("exception.stacktrace", stack)}})
			}
			return s.Snapshot()
		}, trimmedStack},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			d, why := segment.NewTranslator(tc.cfg).Translate(tc.span())
			if why != segment.Keep {
				t.Fatalf("dropped: %v", why)
			}
			limit := segment.MaxDocumentSize - 2 - independentSize
			body, trimmed := appendFieldsLimited(nil, &d, limit)
			if len(body) > limit {
				t.Fatalf("%d bytes, limit %d", len(body), limit)
			}
			if trimmed&tc.want != tc.want {
				t.Errorf("trimmed %q, want at least %q", trimmed, tc.want)
			}
			doc := AppendDocument(nil, &d)
			if err := validate.Document(doc); err != nil {
				t.Fatalf("invalid: %v\n%.2000s", err, doc)
			}
			if trimmed != 0 {
				var m struct {
					Metadata struct{ Otelxray struct{ Trimmed string } }
				}
				if err := json.Unmarshal(doc, &m); err != nil {
					t.Fatal(err)
				}
				if got := m.Metadata.Otelxray.Trimmed; got != trimmed.String() {
					t.Errorf("metadata.otelxray.trimmed = %v, want %q", got, trimmed)
				}
			}
			if tc.name == "1 MB string attribute" && !strings.Contains(string(doc), `"small":"kept"`) {
				t.Errorf("trimming dropped more metadata than needed: %.500s", doc)
			}
		})
	}
}

// TestPackingHostileSpans packs hostile spans of one batch: each arrives
// once, the too-big ones trimmed.
func TestPackingHostileSpans(t *testing.T) {
	many := make([]attribute.KeyValue, 10000)
	for i := range many {
		many[i] = attribute.Int(fmt.Sprintf("attr.%05d", i), i)
	}
	links := make([]sdktrace.Link, 300)
	for i := range links {
		links[i] = sdktrace.Link{SpanContext: spanContext(uint64(9000 + i))}
	}
	withName := func(s tracetest.SpanStub, name string) tracetest.SpanStub { s.Name = name; return s }
	withLinks := func(s tracetest.SpanStub) tracetest.SpanStub { s.Links = links; return s }
	stubs := tracetest.SpanStubs{
		span(1, 0, attribute.String("payload", strings.Repeat("x", 1<<20))),
		span(2, 1, many...),
		span(3, 1, attribute.Float64("nan", math.NaN()), attribute.Float64("inf", math.Inf(-1))),
		withName(span(4, 1, attribute.String("k\xff\xfe", "v\xc3\x28")), "bad \xff\xfe name"),
		withName(span(5, 1), ""),
		withLinks(span(6, 1)),
	}
	p, gs := pack(t, segment.Config{Indexed: []string{"attr.00001", "nan"}}, stubs)
	checkAllOnce(t, gs, 6)
	if p.Trimmed() < 2 {
		t.Errorf("trimmed %d spans, want at least the 1 MB and the 10,000-attribute ones", p.Trimmed())
	}
}

func TestTrimmedString(t *testing.T) {
	if got := (trimmedMetadata | trimmedStack).String(); got != "metadata,stack" {
		t.Errorf("String = %q", got)
	}
}

// child returns span 2, a child of span 1, with the given name and kind.
func child(name string, kind trace.SpanKind, attrs ...attribute.KeyValue) tracetest.SpanStub {
	s := span(2, 1, attrs...)
	s.Name, s.SpanKind = name, kind
	return s
}
