package segment_test

import (
	"encoding/json"
	"math"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

// field returns the value at a dotted path of a decoded document; a path
// element may not contain dots, so keys with dots are looked up whole first.
func field(doc map[string]any, path string) any {
	var cur any = doc
	for path != "" {
		m, ok := cur.(map[string]any)
		if !ok {
			return nil
		}
		if v, ok := m[path]; ok {
			return v
		}
		k, rest, _ := strings.Cut(path, ".")
		cur, path = m[k], rest
	}
	return cur
}

func TestTranslateRules(t *testing.T) {
	noParent := trace.SpanContext{}
	tests := []struct {
		name string
		cfg  segment.Config
		span tracetest.SpanStub
		want map[string]any // path -> value; nil value means absent
	}{
		{"server with local parent is a segment", segment.Config{},
			stub("s", trace.SpanKindServer, localParent()),
			map[string]any{"type": nil, "parent_id": "53995c3f42cd8ad8", "trace_id": "1-5759e988-bd862e3fe1be46a994272793"}},
		{"root internal span is a segment", segment.Config{},
			stub("job", trace.SpanKindInternal, noParent),
			map[string]any{"type": nil, "parent_id": nil, "name": "orders-api"}},
		{"internal child is an independent subsegment", segment.Config{},
			stub("work", trace.SpanKindInternal, localParent()),
			map[string]any{"type": "subsegment", "parent_id": "53995c3f42cd8ad8", "name": "work", "namespace": nil}},
		{"consumer with remote parent is a segment outside Lambda", segment.Config{},
			stub("recv", trace.SpanKindConsumer, remoteParent()),
			map[string]any{"type": nil, "parent_id": "53995c3f42cd8ad8"}},
		{"Lambda: remote parent gives an independent subsegment", segment.Config{Lambda: true},
			stub("handler", trace.SpanKindServer, remoteParent()),
			map[string]any{"type": "subsegment", "parent_id": "53995c3f42cd8ad8", "trace_id": "1-5759e988-bd862e3fe1be46a994272793", "origin": nil}},
		{"aws.remote.service names a client", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("aws.remote.service", "Payments"), attribute.String("peer.service", "p")),
			map[string]any{"name": "Payments", "namespace": "remote"}},
		{"peer.service names an internal span", segment.Config{},
			stub("call", trace.SpanKindInternal, localParent(), attribute.String("peer.service", "cache")),
			map[string]any{"name": "cache", "namespace": nil}},
		{"aws.service sets namespace aws", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("aws.service", "DynamoDB"), attribute.String("aws.operation", "PutItem"), attribute.String("aws.table_name", "orders")),
			map[string]any{"name": "DynamoDB", "namespace": "aws", "aws.operation": "PutItem", "aws.table_name": "orders"}},
		{"several tables give table_names", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
				attribute.StringSlice("aws.dynamodb.table_names", []string{"a", "b"})),
			map[string]any{"aws.table_names": []any{"a", "b"}, "aws.table_name": nil}},
		{"rpc.method Svc/Op gives the operation", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "S3"), attribute.String("rpc.method", "S3/GetObject"),
				attribute.String("aws.s3.bucket", "b"), attribute.String("aws.s3.key", "k")),
			map[string]any{"aws.operation": "GetObject", "aws.bucket_name": "b", "aws.key_name": "k"}},
		{"otelaws v0.72: rpc.system.name and rpc.method Service/Op", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("rpc.system.name", "aws-api"), attribute.String("rpc.method", "DynamoDB/PutItem")),
			map[string]any{"name": "DynamoDB", "namespace": "aws", "aws.operation": "PutItem"}},
		{"grpc rpc.method is not an aws operation", segment.Config{},
			stub("call", trace.SpanKindClient, localParent(), attribute.String("rpc.system", "grpc"), attribute.String("rpc.service", "orders.Orders"), attribute.String("rpc.method", "Get")),
			map[string]any{"name": "orders.Orders", "aws": nil, "namespace": "remote"}},
		{"server.address names a client", segment.Config{},
			stub("GET", trace.SpanKindClient, localParent(), attribute.String("server.address", "api.example.com")),
			map[string]any{"name": "api.example.com"}},
		{"names are sanitized", segment.Config{},
			stub("héllo <wörld>!\x00\xff", trace.SpanKindInternal, localParent()),
			map[string]any{"name": "héllo wörld"}},
		{"empty names fall back", segment.Config{},
			stub("<<>>", trace.SpanKindInternal, localParent()),
			map[string]any{"name": "unnamed"}},
		{"long names are cut on a rune boundary", segment.Config{},
			stub(strings.Repeat("é", 300), trace.SpanKindInternal, localParent()),
			map[string]any{"name": strings.Repeat("é", 200)}},
		{"5xx is a fault", segment.Config{},
			stub("c", trace.SpanKindClient, localParent(), attribute.Int("http.response.status_code", 502)),
			map[string]any{"fault": true, "error": nil, "throttle": nil}},
		{"status code as a string", segment.Config{},
			stub("c", trace.SpanKindClient, localParent(), attribute.String("http.status_code", "404")),
			map[string]any{"error": true, "http.response.status": json.Number("404")}},
		{"throttle attribute", segment.Config{},
			stub("c", trace.SpanKindClient, localParent(), attribute.Int("http.response.status_code", 400), metadata.ThrottleKey.Bool(true)),
			map[string]any{"error": true, "throttle": true, "fault": nil}},
		{"annotations: sanitized keys, no duplicates", segment.Config{IndexAll: true},
			stub("c", trace.SpanKindInternal, localParent(), attribute.String("a.b", "1"), attribute.String("a_b", "2"), attribute.Float64("ratio", math.NaN())),
			map[string]any{"annotations.a_b": "1", "annotations.ratio": "NaN", "metadata.default.a_b": "2"}},
		{"indexed slices stay metadata", segment.Config{Indexed: []string{"tags"}},
			stub("c", trace.SpanKindInternal, localParent(), attribute.StringSlice("tags", []string{"x"})),
			map[string]any{"annotations": nil, "metadata.default.tags": []any{"x"}}},
		{"reserved metadata keys are renamed", segment.Config{},
			stub("c", trace.SpanKindInternal, localParent(), attribute.String("AWS.secret", "x")),
			map[string]any{"metadata.default._AWS.secret": "x"}},
		{"a bad metadata JSON stays a string", segment.Config{},
			stub("c", trace.SpanKindInternal, localParent(), attribute.String("aws.xray.metadata.orders", `{"a":`)),
			map[string]any{"metadata.orders": nil, "metadata.default.aws.xray.metadata.orders": `{"a":`}},
		{"a metadata JSON that is not an object stays a string", segment.Config{},
			stub("c", trace.SpanKindInternal, localParent(), attribute.String("aws.xray.metadata.orders", `[1]`)),
			map[string]any{"metadata.orders": nil, "metadata.default.aws.xray.metadata.orders": `[1]`}},
		{"passwords leave connection strings", segment.Config{},
			stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "mssql"),
				attribute.String("db.connection_string", "Server=db;Database=shop;User Id=app;Password=hunter2;Encrypt=true")),
			// Issue 12: not a URL, so connection_string; the name of the
			// password stays (Password=REDACTED), as for every secret.
			map[string]any{"sql.url": nil, "sql.connection_string": "Server=db;Database=shop;User Id=app;Password=REDACTED;Encrypt=true"}},
		{"non-relational databases get no sql block", segment.Config{},
			stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "redis"), attribute.String("db.statement", "GET k")),
			map[string]any{"sql": nil, "metadata.default.db.statement": "GET k"}},
		{"server URL from parts (old conventions)", segment.Config{},
			stub("s", trace.SpanKindServer, noParent, attribute.String("http.method", "GET"), attribute.String("http.scheme", "http"),
				attribute.String("http.host", "example.com:8080"), attribute.String("http.target", "/a?b=c"), attribute.String("http.client_ip", "198.51.100.1")),
			map[string]any{"http.request.url": "http://example.com:8080/a?b=c", "http.request.client_ip": "198.51.100.1", "http.request.x_forwarded_for": nil}},
		{"credentials leave unused connection strings", segment.Config{},
			stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "mongodb"),
				attribute.String("db.connection_string", "mongodb://admin:s3cret@db:27017/x")),
			map[string]any{"metadata.default.db.connection_string": "mongodb://db:27017/x"}},
		{"credentials leave the second URL attribute", segment.Config{IndexAll: true},
			stub("c", trace.SpanKindClient, localParent(), attribute.String("url.full", "https://api.example.com/x?password=hunter2"),
				attribute.String("http.url", "https://bob:hunter2@api.example.com/x")),
			// Issue 12: secret parameters keep their names.
			map[string]any{"http.request.url": "https://api.example.com/x?password=REDACTED", "annotations.http_url": "https://api.example.com/x"}},
		{"an aws parameter given twice is written once", segment.Config{},
			stub("s3", trace.SpanKindClient, localParent(), attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "S3"),
				attribute.String("aws.s3.bucket", "b1"), attribute.String("aws.bucket_name", "b2")),
			map[string]any{"aws.bucket_name": "b1"}},
		{"colliding metadata keys are written once", segment.Config{},
			stub("c", trace.SpanKindServer, noParent, attribute.String("AWS.k", "1"), attribute.String("_AWS.k", "2"),
				attribute.String("otel.resource.service.name", "x")),
			map[string]any{"metadata.default._AWS.k": "1", "metadata.default.otel.resource.service.name": "x"}},
		{"enduser.id is the user on segments only", segment.Config{},
			stub("c", trace.SpanKindInternal, localParent(), attribute.String("enduser.id", "bob")),
			map[string]any{"user": nil, "metadata.default.enduser.id": "bob"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, why := encode(segment.NewTranslator(tc.cfg), tc.span.Snapshot())
			if why != segment.Keep {
				t.Fatalf("dropped: %v", why)
			}
			if err := validate.Document(got); err != nil {
				t.Fatalf("invalid: %v\n%s", err, got)
			}
			doc := decode(t, got)
			for path, want := range tc.want {
				gotV := field(doc, path)
				gj, _ := json.Marshal(gotV)
				wj, _ := json.Marshal(want)
				if string(gj) != string(wj) {
					t.Errorf("%s = %s, want %s\n%s", path, gj, wj, got)
				}
			}
		})
	}
}

func decode(t *testing.T, b []byte) map[string]any {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(string(b)))
	dec.UseNumber()
	var doc map[string]any
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, b)
	}
	return doc
}

func TestTranslateDrops(t *testing.T) {
	unsampled := stub("x", trace.SpanKindServer, remoteParent())
	unsampled.SpanContext = unsampled.SpanContext.WithTraceFlags(0)
	unsampledParent := stub("x", trace.SpanKindServer, remoteParent().WithTraceFlags(0))
	zeroID := stub("x", trace.SpanKindServer, remoteParent())
	zeroID.SpanContext = zeroID.SpanContext.WithSpanID(trace.SpanID{})
	tests := []struct {
		name string
		cfg  segment.Config
		span tracetest.SpanStub
		want segment.DropReason
	}{
		{"unsampled", segment.Config{}, unsampled, segment.DropUnsampled},
		{"unsampled in Lambda", segment.Config{Lambda: true}, unsampled, segment.DropUnsampled},
		{"no parent in Lambda", segment.Config{Lambda: true}, stub("x", trace.SpanKindServer, trace.SpanContext{}), segment.DropNoParent},
		{"no parent outside Lambda", segment.Config{}, stub("x", trace.SpanKindServer, trace.SpanContext{}), segment.Keep},
		{"zero span ID", segment.Config{}, zeroID, segment.DropInvalid},
		{"Lambda: unsampled remote parent, sampled child", segment.Config{Lambda: true}, unsampledParent, segment.DropUnsampled},
		{"outside Lambda the span's own decision stands", segment.Config{}, unsampledParent, segment.Keep},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if _, why := segment.NewTranslator(tc.cfg).Translate(tc.span.Snapshot()); why != tc.want {
				t.Errorf("Translate = %v, want %v", why, tc.want)
			}
		})
	}
}

func TestStatusErrorWithoutException(t *testing.T) {
	s := stub("c", trace.SpanKindClient, localParent())
	s.Status = sdktrace.Status{Code: codes.Error, Description: "timeout talking to payments"}
	got, _ := encode(segment.NewTranslator(segment.Config{}), s.Snapshot())
	doc := decode(t, got)
	exs, _ := field(doc, "cause.exceptions").([]any)
	if len(exs) != 1 || field(exs[0].(map[string]any), "message") != "timeout talking to payments" || field(exs[0].(map[string]any), "remote") != true {
		t.Errorf("cause = %v", field(doc, "cause"))
	}
	if field(doc, "fault") != true {
		t.Errorf("fault not set: %s", got)
	}
}

func TestAnnotationCap(t *testing.T) {
	var kvs []attribute.KeyValue
	for i := range 60 {
		kvs = append(kvs, attribute.Int("k"+strings.Repeat("x", i), i))
	}
	d, _ := segment.NewTranslator(segment.Config{IndexAll: true}).Translate(stub("c", trace.SpanKindInternal, localParent(), kvs...).Snapshot())
	if len(d.Annotations) != segment.MaxAnnotations {
		t.Errorf("%d annotations, want %d", len(d.Annotations), segment.MaxAnnotations)
	}
	if n := len(d.Metadata[0].Entries); n != 10 {
		t.Errorf("%d metadata entries, want the 10 left over", n)
	}
}

func TestLinksCapped(t *testing.T) {
	s := stub("c", trace.SpanKindConsumer, localParent())
	for i := range 300 {
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: trace.SpanID{1, byte(i >> 8), byte(i), 1, 1, 1, 1, 1}, TraceFlags: 1})
		s.Links = append(s.Links, sdktrace.Link{SpanContext: sc})
	}
	got, _ := encode(segment.NewTranslator(segment.Config{}), s.Snapshot())
	doc := decode(t, got)
	if n := len(field(doc, "links").([]any)); n != segment.MaxLinks {
		t.Errorf("%d links, want %d", n, segment.MaxLinks)
	}
	if v := field(doc, "metadata.otelxray.links_dropped"); v != json.Number("280") {
		t.Errorf("links_dropped = %v, want 280", v)
	}
}

func TestStripPasswordsIsLinearAndOffsetSafe(t *testing.T) {
	// 1 MB of password settings, and non-ASCII text whose lower case is
	// longer than itself (İ), must neither take seconds nor panic.
	huge := strings.Repeat("aPwd=x;", 150000)
	s := stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "mysql"),
		attribute.String("db.connection_string", huge), attribute.String("url.full", strings.Repeat("İ", 100)+"PASSWORD=secret"))
	got, _ := encode(segment.NewTranslator(segment.Config{}), s.Snapshot())
	if strings.Contains(strings.ToLower(string(got)), "pwd=x") || strings.Contains(string(got), "secret") {
		t.Errorf("a password survived: %.300s", got)
	}
}

func TestLinksDroppedCountsTheSDKsLimit(t *testing.T) {
	s := stub("c", trace.SpanKindConsumer, localParent())
	for i := range 128 {
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: traceID, SpanID: trace.SpanID{2, byte(i), 1, 1, 1, 1, 1, 1}, TraceFlags: 1})
		s.Links = append(s.Links, sdktrace.Link{SpanContext: sc})
	}
	s.DroppedLinks = 72 // what the SDK's default limit of 128 left out of 200
	got, _ := encode(segment.NewTranslator(segment.Config{}), s.Snapshot())
	if v := field(decode(t, got), "metadata.otelxray.links_dropped"); v != json.Number("180") {
		t.Errorf("links_dropped = %v, want 180", v)
	}
}
