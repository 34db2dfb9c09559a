package segment_test

import (
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

// FuzzTranslate feeds span names, attribute keys and values from the fuzzer
// through translation and encoding: every document must be valid.
func FuzzTranslate(f *testing.F) {
	f.Add("GET /", "http.url", "https://u:p@h/x", 1.5, int64(200), uint8(0))
	f.Add("", "", "", 0.0, int64(0), uint8(1))
	f.Add("\xff\xfe<>", "a.b\x00c", "\xed\xa0\x80 \u2028", math.Inf(1), int64(-1), uint8(2))
	f.Add("q", "db.system", "postgresql", math.Copysign(0, -1), int64(429), uint8(3))
	f.Add("n", "aws.xray.metadata.x", `{"a":[1,2,{"b":null}]}`, 3.0, int64(503), uint8(4))
	f.Add("n", "exception.stacktrace", goStack, 0.5, int64(1), uint8(5))
	f.Fuzz(func(t *testing.T, name, key, value string, num float64, n int64, mode uint8) {
		kind := trace.SpanKind(mode%5 + 1)
		parent := localParent()
		if mode&8 != 0 {
			parent = remoteParent()
		}
		s := stub(name, kind, parent,
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
		s.Events = []sdktrace.Event{{Name: "exception", Attributes: []attribute.KeyValue{
			attribute.String("exception.message", value), attribute.String("exception.stacktrace", value)}}}
		s.Links = []sdktrace.Link{{SpanContext: remoteParent(), Attributes: []attribute.KeyValue{attribute.String(key, value)}}}
		tr := segment.NewTranslator(segment.Config{Lambda: mode&16 != 0, IndexAll: mode&32 != 0, Indexed: []string{key}})
		d, why := tr.Translate(s.Snapshot())
		if why != segment.Keep {
			return
		}
		limit := 1024 + int(uint16(n))
		body, _ := segment.AppendFieldsLimited(nil, &d, limit)
		if len(body) > limit {
			t.Fatalf("fields take %d bytes, limit %d", len(body), limit)
		}
		doc := segment.AppendDocument(nil, &d)
		if !utf8.Valid(doc) || !json.Valid(doc) {
			t.Fatalf("not valid JSON/UTF-8: %q", doc)
		}
		if err := validate.Document(doc); err != nil {
			t.Fatalf("invalid document: %v\n%s", err, doc)
		}
	})
}

// FuzzParseGoStack checks that any text parses without panicking into
// frames with sane lines.
func FuzzParseGoStack(f *testing.F) {
	f.Add(goStack)
	f.Add("goroutine 1 [running]:\nmain.main()\n\t:0\n")
	f.Add("\t/x.go:-1 +0x1\nf()\n\t/x.go:99999999999999999999\n")
	f.Fuzz(func(t *testing.T, s string) {
		frames, truncated := segment.ParseGoStack(s)
		if len(frames) > segment.MaxStackFrames || truncated < 0 {
			t.Fatalf("%d frames, %d truncated", len(frames), truncated)
		}
		for _, fr := range frames {
			if fr.Line < 0 {
				t.Fatalf("negative line in %+v", fr)
			}
		}
	})
}
