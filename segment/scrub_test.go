package segment_test

import (
	"encoding/json"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/scrub/scrubtest"
	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

// corpusSpans puts a string of the corpus wherever a span may carry one:
// the URL of a client call, the connection string of a database call, a
// queue URL, a plain attribute (metadata and annotation), a header, a link,
// an exception message and the status.
func corpusSpans(s string) []tracetest.SpanStub {
	withErr := stub("op", trace.SpanKindClient, localParent(), attribute.String("note", s))
	withErr.Events = []sdktrace.Event{{Name: "exception", Attributes: []attribute.KeyValue{
		attribute.String("exception.type", "*errors.errorString"), attribute.String("exception.message", s)}}}
	status := stub("op", trace.SpanKindServer, noParentSC())
	status.Status = sdktrace.Status{Code: codes.Error, Description: s}
	linked := stub("op", trace.SpanKindInternal, localParent())
	linked.Links = []sdktrace.Link{{SpanContext: localParent(), Attributes: []attribute.KeyValue{attribute.String("peer.url", s)}}}
	return []tracetest.SpanStub{
		stub("GET", trace.SpanKindClient, localParent(), attribute.String("http.request.method", "GET"), attribute.String("url.full", s)),
		stub("GET", trace.SpanKindServer, noParentSC(), attribute.String("http.method", "GET"), attribute.String("http.url", s)),
		stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "mssql"), attribute.String("db.connection_string", s),
			attribute.String("db.statement", "SELECT 1")),
		stub("q", trace.SpanKindClient, localParent(), attribute.String("db.system", "redis"), attribute.String("db.connection_string", s)),
		stub("send", trace.SpanKindProducer, localParent(), attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "SQS"),
			attribute.String("aws.queue_url", s), attribute.String("messaging.url", s)),
		stub("c", trace.SpanKindClient, localParent(), attribute.String("server.address", s), attribute.String("http.request.header.x-debug", s)),
		withErr, status, linked,
	}
}

func noParentSC() trace.SpanContext { return trace.SpanContext{} }

// TestNoSecretInTheDocuments: no secret of the corpus, wherever a span
// carries it, reaches the encoded documents, and every document is valid.
func TestNoSecretInTheDocuments(t *testing.T) {
	tr := segment.NewTranslator(segment.Config{IndexAll: true})
	leaked := map[string]bool{}
	total := 0
	for _, c := range scrubtest.Corpus {
		total += len(c.Secrets)
		for i, s := range corpusSpans(c.In) {
			got, why := encode(tr, s.Snapshot())
			if why != segment.Keep {
				t.Fatalf("%s: span %d dropped: %v", c.Name, i, why)
			}
			if err := validate.Document(got); err != nil {
				t.Errorf("%s: span %d: invalid: %v\n%s", c.Name, i, err, got)
			}
			text := unescaped(t, got)
			for _, sec := range c.Secrets {
				if strings.Contains(text, sec) {
					if !leaked[sec] {
						t.Errorf("%s: span %d leaks %q:\n%s", c.Name, i, sec, got)
					}
					leaked[sec] = true
				}
			}
		}
	}
	t.Logf("%d of %d distinct secrets of the corpus reached the X-Ray documents", len(leaked), total)
}

// unescaped is the document with JSON escapes undone (a secret with '&'
// is written \u0026).
func unescaped(t *testing.T, doc []byte) string {
	var v any
	if err := json.Unmarshal(doc, &v); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	var walk func(any)
	walk = func(v any) {
		switch v := v.(type) {
		case map[string]any:
			for k, x := range v {
				b.WriteString(k + "\n")
				walk(x)
			}
		case []any:
			for _, x := range v {
				walk(x)
			}
		case string:
			b.WriteString(v + "\n")
		}
	}
	walk(v)
	return b.String()
}

// TestSQLLocators (issue 12): url only ever holds scheme://host/database;
// every other locator is a connection_string without its password.
func TestSQLLocators(t *testing.T) {
	tests := []struct {
		name     string
		attrs    []attribute.KeyValue
		url, cs  string // "" means absent
		wantName string
	}{
		{"host, port and database without a connection string",
			[]attribute.KeyValue{attribute.String("db.system", "postgresql"), attribute.String("server.address", "db.internal"),
				attribute.Int("server.port", 5432), attribute.String("db.name", "shop")}, "", "db.internal:5432/shop", "shop@db.internal"},
		{"host only", []attribute.KeyValue{attribute.String("db.system", "mysql"), attribute.String("server.address", "db.internal")},
			"", "db.internal", "db.internal"},
		{"IPv6 host and port", []attribute.KeyValue{attribute.String("db.system", "mysql"), attribute.String("server.address", "2001:db8::1"),
			attribute.Int("server.port", 3306)}, "", "[2001:db8::1]:3306", "2001:db8::1"},
		{"credentials in server.address", []attribute.KeyValue{attribute.String("db.system", "postgresql"),
			attribute.String("server.address", "app:hunter2@db.internal"), attribute.String("db.name", "shop")}, "", "db.internal/shop", "shop@db.internal"},
		{"an invalid host gives no locator", []attribute.KeyValue{attribute.String("db.system", "postgresql"),
			attribute.String("server.address", "db <evil> host")}, "", "", "q"},
		{"URL with a database", []attribute.KeyValue{attribute.String("db.system", "postgresql"),
			attribute.String("db.connection_string", "postgres://app:hunter2@db:5432/shop?sslmode=require")}, "postgres://db:5432/shop?sslmode=require", "", "q"},
		{"URL without a database", []attribute.KeyValue{attribute.String("db.system", "postgresql"),
			attribute.String("db.connection_string", "postgres://db:5432")}, "", "postgres://db:5432", "q"},
		{"SQL Server", []attribute.KeyValue{attribute.String("db.system", "mssql"),
			attribute.String("db.connection_string", "Server=db;Database=shop;User Id=app;Password=hunter2")}, "", "Server=db;Database=shop;User Id=app;Password=REDACTED", "q"},
		{"SQL Server, quoted password", []attribute.KeyValue{attribute.String("db.system", "mssql"),
			attribute.String("db.connection_string", `Server=db;Password="a;hunter2";Database=shop`)}, "", "Server=db;Password=REDACTED;Database=shop", "q"},
		{"Oracle JDBC", []attribute.KeyValue{attribute.String("db.system", "oracle"),
			attribute.String("db.connection_string", "jdbc:oracle:thin:@db.internal:1521/ORCL")}, "", "jdbc:oracle:thin:@db.internal:1521/ORCL", "q"},
		{"Oracle JDBC with user/password", []attribute.KeyValue{attribute.String("db.system", "oracle"),
			attribute.String("db.connection_string", "jdbc:oracle:thin:scott/tiger@db.internal:1521/ORCL")}, "", "jdbc:oracle:thin:@db.internal:1521/ORCL", "q"},
		// The Collector would split it, but it has no scheme://: not a URL.
		{"Oracle JDBC service URL", []attribute.KeyValue{attribute.String("db.system", "oracle"),
			attribute.String("db.connection_string", "jdbc:oracle:thin:@//db.internal:1521/ORCL")}, "", "jdbc:oracle:thin:@//db.internal:1521/ORCL", "q"},
		{"MySQL DSN", []attribute.KeyValue{attribute.String("db.system", "mysql"),
			attribute.String("db.connection_string", "app:hunter2@tcp(db:3306)/shop")}, "", "tcp(db:3306)/shop", "q"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := encode(segment.NewTranslator(segment.Config{}), stub("q", trace.SpanKindClient, localParent(), tc.attrs...).Snapshot())
			if err := validate.Document(got); err != nil {
				t.Fatalf("invalid: %v\n%s", err, got)
			}
			doc := decode(t, got)
			for path, want := range map[string]string{"sql.url": tc.url, "sql.connection_string": tc.cs, "name": tc.wantName} {
				if v := field(doc, path); (want == "" && v != nil) || (want != "" && v != want) {
					t.Errorf("%s = %v, want %q\n%s", path, v, want, got)
				}
			}
			if strings.Contains(string(got), "hunter2") || strings.Contains(string(got), "tiger") {
				t.Errorf("a password survived: %s", got)
			}
		})
	}
}

// TestNames (issue 13): names are never blank, come from the host where
// there is one, and no URL is built from an invalid host.
func TestNames(t *testing.T) {
	tests := []struct {
		name, span string
		kind       trace.SpanKind
		attrs      []attribute.KeyValue
		want       map[string]any
	}{
		{"a blank name falls back", "   ", trace.SpanKindInternal, nil, map[string]any{"name": segment.DefaultName}},
		{"a blank peer.service falls back to the host", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("peer.service", "   "), attribute.String("server.address", "api.example.com")},
			map[string]any{"name": "api.example.com"}},
		{"spaces around a name go", "  work  ", trace.SpanKindInternal, nil, map[string]any{"name": "work"}},
		{"client without server.address: the URL's host", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("http.request.method", "GET"), attribute.String("url.full", "https://api.example.com:8443/x?token=abc")},
			map[string]any{"name": "api.example.com:8443", "http.request.url": "https://api.example.com:8443/x?token=REDACTED"}},
		{"client with an old http.url", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("http.method", "GET"), attribute.String("http.url", "https://u:pw@api.example.com/x")},
			map[string]any{"name": "api.example.com"}},
		{"credentials in server.address are not a name", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("http.request.method", "GET"), attribute.String("server.address", "u:pw@api.example.com"),
				attribute.String("url.path", "/x")},
			map[string]any{"name": "api.example.com", "http.request.url": "http://api.example.com/x"}},
		{"no URL from an invalid host", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("http.request.method", "GET"), attribute.String("server.address", "api <evil> host"),
				attribute.String("url.path", "/x")},
			map[string]any{"name": "GET", "http.request.url": nil, "http.request.method": "GET"}},
		{"an IPv6 host gets brackets", "GET", trace.SpanKindClient,
			[]attribute.KeyValue{attribute.String("http.request.method", "GET"), attribute.String("server.address", "2001:db8::1"),
				attribute.Int("server.port", 8080), attribute.String("url.path", "/x")},
			map[string]any{"http.request.url": "http://[2001:db8::1]:8080/x"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got, _ := encode(segment.NewTranslator(segment.Config{}), stub(tc.span, tc.kind, localParent(), tc.attrs...).Snapshot())
			if err := validate.Document(got); err != nil {
				t.Fatalf("invalid: %v\n%s", err, got)
			}
			doc := decode(t, got)
			for path, want := range tc.want {
				if v := field(doc, path); v != want {
					t.Errorf("%s = %v, want %v\n%s", path, v, want, got)
				}
			}
			if strings.Contains(string(got), "pw") || strings.Contains(string(got), "evil") {
				t.Errorf("a credential or an invalid host survived: %s", got)
			}
		})
	}
}

func TestSanitizeNameIsNeverBlank(t *testing.T) {
	for _, s := range []string{"   ", "\t\n", " \u00a0 ", "<>", " <x> "} {
		if got := segment.SanitizeName(s); strings.TrimSpace(got) != got || (got == "" && s == " <x> ") {
			t.Errorf("SanitizeName(%q) = %q", s, got)
		}
	}
}
