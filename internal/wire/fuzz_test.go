package wire

import (
	"bytes"
	"encoding/json"
	"math"
	"testing"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

// seedStack is a Go stack trace as RecordError(err, trace.WithStackTrace(true)) writes it.
const seedStack = "goroutine 7 [running]:\nexample.com/orders.(*Store).Put(0xc00011e000)\n\t/src/orders/store.go:88 +0x1a4\n" +
	"created by example.com/orders.serve in goroutine 1\n\t/src/orders/main.go:20 +0x45\n"

// FuzzTranslate feeds span names, attribute keys and values from the fuzzer
// through translation, trimming and encoding: every document must fit its
// limit and be valid, both to encoding/json and to the validator.
func FuzzTranslate(f *testing.F) {
	f.Add("GET /", "http.url", "https://u:p@h/x", 1.5, int64(200), uint8(0))
	f.Add("", "", "", 0.0, int64(0), uint8(1))
	f.Add("\xff\xfe<>", "a.b\x00c", "\xed\xa0\x80 \u2028", math.Inf(1), int64(-1), uint8(2))
	f.Add("q", "db.system", "postgresql", math.Copysign(0, -1), int64(429), uint8(3))
	f.Add("n", "aws.xray.metadata.x", `{"a":[1,2,{"b":null}]}`, 3.0, int64(503), uint8(4))
	f.Add("n", "exception.stacktrace", seedStack, 0.5, int64(1), uint8(5))
	var sc segment.Scratch // reused across inputs, as an exporter reuses it across batches
	f.Fuzz(func(t *testing.T, name, key, value string, num float64, n int64, mode uint8) {
		s := span(2, 1,
			attribute.String(key, value),
			attribute.Float64(key+".f", num),
			attribute.Int64("http.response.status_code", n),
			attribute.String("server.address", value),
			attribute.String("rpc.system", "aws-api"),
			attribute.String("rpc.service", value),
			attribute.String("db.system", "mysql"),
			attribute.String("db.statement", value),
			attribute.String("aws.xray.metadata."+key, value),
			attribute.StringSlice("aws.xray.annotations", []string{key}),
			attribute.Float64Slice("floats", []float64{num, num}),
		)
		s.Name, s.SpanKind = name, trace.SpanKind(mode%5+1)
		if mode&8 != 0 {
			s.Parent = s.Parent.WithRemote(true)
		}
		s.Events = []sdktrace.Event{{Name: "exception", Attributes: []attribute.KeyValue{
			attribute.String("exception.message", value), attribute.String("exception.stacktrace", value)}}}
		s.Links = []sdktrace.Link{{SpanContext: spanContext(1).WithRemote(true), Attributes: []attribute.KeyValue{attribute.String(key, value)}}}
		tr := segment.NewTranslator(segment.Config{Lambda: mode&16 != 0, IndexAll: mode&32 != 0, Indexed: []string{key}})
		d, why := tr.Translate(s.Snapshot())
		if why != segment.Keep {
			return
		}
		reused, _ := tr.TranslateWith(&sc, s.Snapshot())
		if got, want := AppendDocument(nil, &reused), AppendDocument(nil, &d); !bytes.Equal(got, want) {
			t.Fatalf("TranslateWith with a reused Scratch differs from Translate:\n got %s\nwant %s", got, want)
		}
		sc.Reset()
		limit := 1024 + int(uint16(n))
		body, _ := appendFieldsLimited(nil, &d, limit)
		if len(body) > limit {
			t.Fatalf("fields take %d bytes, limit %d", len(body), limit)
		}
		doc := AppendDocument(nil, &d)
		if !utf8.Valid(doc) || !json.Valid(doc) {
			t.Fatalf("not valid JSON/UTF-8: %q", doc)
		}
		if err := validate.Document(doc); err != nil {
			t.Fatalf("invalid document: %v\n%s", err, doc)
		}
	})
}
