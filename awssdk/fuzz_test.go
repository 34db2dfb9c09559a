package awssdk

import (
	"context"
	"reflect"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"
)

// FuzzParseWhitelist: no document makes parsing, compiling or extracting
// panic, and every recorded attribute is an aws parameter.
func FuzzParseWhitelist(f *testing.F) {
	f.Add([]byte(`{"services":{"test":{"operations":{"Op":{"request_parameters":["Str","Map","Names"],` +
		`"request_descriptors":{"Map":{"map":true,"get_keys":true,"rename_to":"keys"},"Names":{"list":true,"get_count":true}},` +
		`"response_parameters":["ConsumedCapacity"]}}}}}`))
	f.Add([]byte(`{"services":{"dynamodb":null,"sqs":{"operations":{"SendMessage":null}}}}`))
	f.Add([]byte(`{"services":{"":{"operations":{"":{"request_parameters":[""],"request_descriptors":{"":{}}}}}}}`))
	in := &everything{Str: ptr("s"), Names: []string{"a"}, Map: map[string]string{"k": "v"}, Message: ptr("secret")}
	f.Fuzz(func(t *testing.T, doc []byte) {
		w, err := ParseWhitelist(doc)
		if err != nil {
			return
		}
		p := &params{whitelist: w}
		for k := range w.ops {
			for _, v := range []any{in, (*everything)(nil), everything{}, 42, "x"} {
				attrs := p.compile(k.service, k.op, typeOf(v), false).extract(nil, v)
				attrs = p.compile(k.service, k.op, typeOf(v), true).extract(attrs, v)
				for _, kv := range attrs {
					if !strings.HasPrefix(string(kv.Key), "aws.") {
						t.Fatalf("attribute %q is not an aws parameter", kv.Key)
					}
					if kv.Value.AsString() == "secret" {
						t.Fatalf("a content field was recorded: %v", kv)
					}
				}
			}
		}
	})
}

// FuzzLambdaHeader: no incoming header makes the middlewares panic or
// write a header that is not a plain X-Ray header.
func FuzzLambdaHeader(f *testing.F) {
	f.Add("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:0")
	f.Add("Root=1-5759e988-bd862e3fe1be46a994272793;Lineage=1:a87bd80c:3")
	f.Add("Root=1-zz;Parent=;Sampled=;Lineage=\r\n")
	f.Add(";;=;Root=;")
	m := &instrumentation{getenv: func(string) string { return "" }}
	sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}})
	f.Fuzz(func(t *testing.T, header string) {
		//lint:ignore SA1029 aws-lambda-go's key is a plain string
		ctx := context.WithValue(context.Background(), lambdaContextKey, header)
		l := m.lineage(ctx, header)
		if l != "" && !validLineage(l) {
			t.Fatalf("lineage %q", l)
		}
		out := traceHeaderValue(sc, l)
		for i := 0; i < len(out); i++ {
			if c := out[i]; c <= ' ' || c >= 0x7f || c == ',' {
				t.Fatalf("header %q has byte %q", out, c)
			}
		}
		if got := m.parentFromLambda(ctx); trace.SpanContextFromContext(got).IsValid() {
			if !strings.Contains(header, "Root=") {
				t.Fatalf("a parent from %q", header)
			}
		}
	})
}

func typeOf(v any) reflect.Type { return reflect.TypeOf(v) }
