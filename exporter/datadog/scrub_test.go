package datadog_test

import (
	"bytes"
	"context"
	"errors"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/tinylib/msgp/msgp"

	"github.com/otelxray/otelxray/internal/fakeagent"
	"github.com/otelxray/otelxray/internal/scrub/scrubtest"
)

// TestNoCredentialInThePayload: whatever attribute, resource, error or
// link carries a password, the bytes sent to the agent do not hold it.
func TestNoCredentialInThePayload(t *testing.T) {
	const secret = "s3cr3t-Pa55"
	server := trace.WithSpanKind(trace.SpanKindServer)
	client := trace.WithSpanKind(trace.SpanKindClient)
	tests := []struct {
		name  string
		kind  trace.SpanStartOption
		attrs []attribute.KeyValue
		err   string // recorded as an exception and as the status
		keep  string // what must still be there
	}{
		{"url.full", client, []attribute.KeyValue{attribute.String("http.request.method", "GET"),
			attribute.String("url.full", "https://alice:"+secret+"@api.example.com/orders?id=1")}, "", "api.example.com/orders"},
		{"http.url", server, []attribute.KeyValue{attribute.String("http.method", "POST"),
			attribute.String("http.url", "http://bob:"+secret+"@shop.example.com/cart")}, "", "shop.example.com/cart"},
		{"connection string", client, []attribute.KeyValue{attribute.String("db.system", "mssql"),
			attribute.String("db.connection_string", "Server=db;Database=orders;User Id=app;Password="+secret+";"),
			attribute.String("db.statement", "SELECT 1")}, "", "Server=db"},
		{"redis URL", client, []attribute.KeyValue{attribute.String("db.system", "redis"),
			attribute.String("db.connection_string", "redis://:"+secret+"@cache:6379/0"),
			attribute.String("db.query.text", "redis://default:"+secret+"@cache:6379 GET k")}, "", "cache:6379"},
		{"mongodb URL", client, []attribute.KeyValue{attribute.String("db.system", "mongodb"),
			attribute.String("server.address", "mongodb://admin:"+secret+"@mongo1,mongo2/?replicaSet=rs0")}, "", "mongo1"},
		{"amqp URL", client, []attribute.KeyValue{attribute.String("messaging.system", "rabbitmq"),
			attribute.String("messaging.url", "amqp://guest:"+secret+"@rabbit:5672/vhost")}, "", "rabbit:5672"},
		{"string slice", client, []attribute.KeyValue{attribute.StringSlice("peers", []string{"postgres://u:" + secret + "@pg/db"})}, "", "pg/db"},
		{"error message", client, nil, "dial postgres://u:" + secret + "@pg:5432/orders: refused", "pg:5432"},
		{"AWS queue URL", client, []attribute.KeyValue{attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"),
			attribute.String("rpc.method", "SendMessage"), attribute.String("aws.queue_url", "https://u:"+secret+"@sqs.example.com/1/q")}, "", "sqs.example.com"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			a := fakeagent.Start(t)
			exp := newExporter(t, a)
			tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(exp))
			link := trace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}}),
				Attributes: append([]attribute.KeyValue{attribute.String("link.url", "https://l:"+secret+"@linked.example.com")}, tc.attrs...)}
			_, s := tp.Tracer("t").Start(context.Background(), "op", tc.kind, trace.WithLinks(link), trace.WithAttributes(tc.attrs...))
			if tc.err != "" {
				s.RecordError(errors.New(tc.err), trace.WithStackTrace(true))
				s.SetStatus(codes.Error, tc.err)
			}
			s.End()
			bodies := a.Bodies()
			if len(bodies) != 1 {
				t.Fatalf("%d payloads", len(bodies))
			}
			if i := bytes.Index(bodies[0], []byte(secret)); i >= 0 {
				t.Errorf("the payload holds the password: ...%q...", bodies[0][max(0, i-60):min(len(bodies[0]), i+20)])
			}
			if !bytes.Contains(bodies[0], []byte(tc.keep)) {
				t.Errorf("the payload lost %q along with the password: %q", tc.keep, bodies[0])
			}
		})
	}
}

// TestNoCorpusSecretInThePayload: every string of the shared corpus, in
// every place a span carries one, reaches the agent without its secrets.
func TestNoCorpusSecretInThePayload(t *testing.T) {
	a := fakeagent.Start(t)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(newExporter(t, a)))
	total := 0
	for _, c := range scrubtest.Corpus {
		total += len(c.Secrets)
		for _, kind := range []trace.SpanKind{trace.SpanKindClient, trace.SpanKindServer} {
			link := trace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}}),
				Attributes: []attribute.KeyValue{attribute.String("peer.url", c.In)}}
			_, s := tp.Tracer("t").Start(context.Background(), c.In, trace.WithSpanKind(kind), trace.WithLinks(link), trace.WithAttributes(
				attribute.String("http.request.method", "GET"), attribute.String("url.full", c.In), attribute.String("http.url", c.In),
				attribute.String("db.system", "mssql"), attribute.String("db.connection_string", c.In), attribute.String("db.statement", c.In),
				attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"), attribute.String("aws.queue_url", c.In),
				attribute.String("messaging.url", c.In), attribute.String("note", c.In), attribute.StringSlice("notes", []string{c.In}),
				attribute.String("http.request.header.authorization", c.In)))
			s.RecordError(errors.New(c.In))
			s.SetStatus(codes.Error, c.In)
			s.End()
		}
	}
	leaked := map[string]bool{}
	for _, body := range a.Bodies() {
		// Only the payload's strings can hold a secret: numbers such as a
		// span's duration are binary in msgpack, and a short secret such
		// as "x}" can appear in their bytes by chance.
		text, err := payloadStrings(body)
		if err != nil {
			t.Fatalf("the payload does not decode: %v", err)
		}
		for _, c := range scrubtest.Corpus {
			for _, sec := range c.Secrets {
				if i := bytes.Index(text, []byte(sec)); !leaked[sec] && i >= 0 {
					leaked[sec] = true
					t.Errorf("%s: the payload holds %q: %q", c.Name, sec, text[max(0, i-80):min(len(text), i+20)])
				}
			}
		}
	}
	t.Logf("%d of %d distinct secrets of the corpus reached the Datadog payload", len(leaked), total)
}

// payloadStrings walks a msgpack payload and returns every string and
// binary value in it, each followed by a NUL byte, so a search cannot
// match across two values or inside a number.
func payloadStrings(b []byte) ([]byte, error) {
	var out []byte
	var walk func(b []byte, depth int) ([]byte, error)
	walk = func(b []byte, depth int) ([]byte, error) {
		if depth > 32 {
			return nil, errors.New("nested too deep")
		}
		switch msgp.NextType(b) {
		case msgp.StrType:
			s, rest, err := msgp.ReadStringZC(b)
			out = append(append(out, s...), 0)
			return rest, err
		case msgp.BinType:
			s, rest, err := msgp.ReadBytesZC(b)
			out = append(append(out, s...), 0)
			return rest, err
		case msgp.ArrayType:
			n, rest, err := msgp.ReadArrayHeaderBytes(b)
			for ; err == nil && n > 0; n-- {
				rest, err = walk(rest, depth+1)
			}
			return rest, err
		case msgp.MapType:
			n, rest, err := msgp.ReadMapHeaderBytes(b)
			for n *= 2; err == nil && n > 0; n-- {
				rest, err = walk(rest, depth+1)
			}
			return rest, err
		default:
			return msgp.Skip(b)
		}
	}
	for rest := b; len(rest) > 0; {
		var err error
		if rest, err = walk(rest, 0); err != nil {
			return nil, err
		}
	}
	return out, nil
}
