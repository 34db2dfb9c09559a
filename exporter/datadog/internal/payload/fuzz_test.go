package payload_test

import (
	"context"
	"testing"
	"unicode/utf8"

	"github.com/tinylib/msgp/msgp"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
)

// FuzzConvertEncode: any span name, attribute and link attribute gives a
// payload that decodes as one msgpack value with valid UTF-8 strings.
func FuzzConvertEncode(f *testing.F) {
	f.Add("GET /", "http.request.method", "GET", 1.5, int64(500))
	f.Add("\xff", "rpc.system", "aws-api", 0.0, int64(0))
	f.Add("", "\xfe\xff", "\xed\xa0\x80", -1e308, int64(-1))
	f.Fuzz(func(t *testing.T, name, key, value string, num float64, n int64) {
		var spans []sdktrace.ReadOnlySpan
		tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(recorder(func(s []sdktrace.ReadOnlySpan) { spans = append(spans, s...) })))
		link := trace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}}),
			Attributes: []attribute.KeyValue{attribute.String(key, value)}}
		_, s := tp.Tracer("f").Start(context.Background(), name, trace.WithSpanKind(trace.SpanKind(uint64(n)%6)), trace.WithLinks(link),
			trace.WithAttributes(attribute.String(key, value), attribute.Float64(key+"f", num), attribute.Int64("http.response.status_code", n),
				attribute.String("rpc.service", value), attribute.String("aws.queue_url", value)))
		s.End()
		d := payload.Convert(spans[0], "", value, value)
		b := payload.Append(nil, [][]payload.Span{{d}})
		v, rest, err := msgp.ReadIntfBytes(b)
		if err != nil || len(rest) != 0 {
			t.Fatalf("payload does not decode: %v", err)
		}
		var walk func(any)
		walk = func(x any) {
			switch y := x.(type) {
			case string:
				if !utf8.ValidString(y) {
					t.Fatalf("invalid UTF-8 string %q", y)
				}
			case []any:
				for _, e := range y {
					walk(e)
				}
			case map[string]any:
				for k, e := range y {
					walk(k)
					walk(e)
				}
			}
		}
		walk(v)
	})
}

// recorder is a span exporter that hands every batch to a function.
type recorder func([]sdktrace.ReadOnlySpan)

func (r recorder) ExportSpans(_ context.Context, s []sdktrace.ReadOnlySpan) error {
	r(s)
	return nil
}
func (r recorder) Shutdown(context.Context) error { return nil }
