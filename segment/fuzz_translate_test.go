package segment_test

import (
	"bytes"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// fuzzKeys are the attribute keys the fuzzer picks from: keys that feed
// document fields, credential keys, namespace keys, keys that sanitize to
// something else, aws parameters and plain metadata.
var fuzzKeys = []string{
	"rpc.system", "rpc.service", "rpc.method", "aws.service", "aws.operation", "aws.region", "cloud.region",
	"aws.request_id", "aws.requestId", "aws.table_name", "aws.dynamodb.table_names", "aws.queue_url",
	"aws.account_id", "aws.retries", "aws.s3.bucket", "aws.s3.key", "aws.message_id", "aws.Foo", "aws.",
	"aws.dynamodb.consistent_read", "aws.operation_name", "aws.region_x", "peer.service", "aws.remote.service",
	"aws.local.service", "server.address", "server.port", "http.request.method", "http.method", "url.full",
	"url.path", "url.query", "http.target", "http.response.status_code", "http.status_code", "user_agent.original",
	"client.address", "network.peer.address", "db.system", "db.name", "db.namespace", "db.statement",
	"db.connection_string", "enduser.id", "aws.xray.annotations", "aws.xray.throttle", "aws.xray.metadata.orders",
	"aws.xray.metadata.default", "aws.xray.metadata.otelxray", "aws.xray.metadata.", "http.request.header.authorization",
	"http.request.header.x-api-key", "db.password", "api.token", "meta.a", "meta.b", "AWS.meta", "_AWS.meta",
	"order.id", "order-id", "order_id", "otel.resource.service.name", "ünïcode", "",
}

// fuzzStrings are the string values the fuzzer picks from, besides its own.
var fuzzStrings = []string{
	"aws-api", "DynamoDB", "GetItem", "DynamoDB/GetItem", "SQS", "mysql", "postgresql", "orders", "eu-west-1", "",
	" ", "42", "200", "https://user:pw@api.example.com/x?token=abc&y=1", "https://sqs.eu-west-1.amazonaws.com/123/q",
	`{"a": 1, "b": {"c": [1, 2]}}`, `{"password": "x"}`, "[1]", "password=hunter2", "\xff\xfe", "api <evil> host",
	"GET", "/orders/42", "db.internal", "order.id", "meta.a", "AWS.meta",
}

// fuzzAttrs turns data into a key list and the values of n spans that share
// it: the same key strings on every span, values that differ from span to
// span.
func fuzzAttrs(data []byte, n int) [][]attribute.KeyValue {
	next := func() byte {
		if len(data) == 0 {
			return 0
		}
		b := data[0]
		data = data[1:]
		return b
	}
	raw := func() string {
		l := int(next() % 12)
		l = min(l, len(data))
		s := string(data[:l])
		data = data[l:]
		return s
	}
	str := func(b byte) string {
		if b&1 == 0 {
			return fuzzStrings[int(b>>1)%len(fuzzStrings)]
		}
		return raw()
	}
	type slot struct {
		key     string
		typ     byte
		choices []byte
	}
	var slots []slot
	for len(data) > 0 && len(slots) < 70 {
		b := next()
		k := fuzzKeys[int(b)%len(fuzzKeys)]
		if b >= 250 {
			k = raw()
		}
		sl := slot{key: k, typ: next() % 7}
		for range n {
			sl.choices = append(sl.choices, next())
		}
		slots = append(slots, sl)
	}
	out := make([][]attribute.KeyValue, n)
	for j := range n {
		for _, sl := range slots {
			c := sl.choices[j]
			k := attribute.Key(sl.key)
			var kv attribute.KeyValue
			switch sl.typ {
			case 0, 1:
				kv = k.String(str(c))
			case 2:
				kv = k.Int(int(c) - 20)
			case 3:
				kv = k.Float64(float64(c) / 3)
			case 4:
				kv = k.Bool(c&1 == 1)
			case 5:
				kv = k.StringSlice([]string{str(c), fuzzKeys[int(c)%len(fuzzKeys)]})
			case 6:
				kv = k.StringSlice([]string{fuzzKeys[int(c)%len(fuzzKeys)]})
			}
			out[j] = append(out[j], kv)
		}
	}
	return out
}

// FuzzTranslateWith checks that documents translated in a batch through a
// warm Scratch reused from batch to batch (its caches hit, for spans that
// share their keys, and for spans of two translators) encode exactly as
// Translate's, which uses no cache.
func FuzzTranslateWith(f *testing.F) {
	f.Add([]byte("\x00\x00aaaa\x01\x01bbbb\x02\x00cccc\x2e\x00dddd\x36\x06eeee"), uint8(0))
	f.Add([]byte("\x05\x00\x02\x04\x06\x08\x0a\x00\x08\x0a\x0c\x0e\x37\x01\x10\x12\x14\x16\x2c\x05\x01\x03\x05\x07"), uint8(1))
	f.Add([]byte("\x1a\x00\x1e\x1e\x1e\x1e\x1b\x02\x01\x02\x03\x04\x2f\x00\x20\x20\x20\x20\x31\x00\x11\x13\x15\x17"), uint8(6))
	f.Add([]byte("\xfa\x03abc\x00\x00\x00\x00\x00\xfb\x00\x03xyz\x02\x03\x04\x05\x2d\x06\x01\x02\x03\x04"), uint8(13))
	f.Fuzz(func(t *testing.T, data []byte, mode uint8) {
		const perBatch = 4
		spans := fuzzAttrs(data, perBatch)
		cfgs := [2]segment.Config{
			{Lambda: mode&1 != 0, IndexAll: mode&2 != 0, Indexed: []string{"order.id", "meta.a", "aws.region"}},
			{Lambda: mode&4 != 0, Indexed: fuzzKeys[:int(mode>>3)%len(fuzzKeys)]},
		}
		trs := [2]*segment.Translator{segment.NewTranslator(cfgs[0]), segment.NewTranslator(cfgs[1])}
		kinds := []trace.SpanKind{trace.SpanKindClient, trace.SpanKindServer, trace.SpanKindInternal, trace.SpanKindProducer}
		parents := []trace.SpanContext{localParent(), remoteParent(), {}}
		res := resource.NewSchemaless(attribute.String("service.name", "orders-api"), attribute.String("meta.a", "r"))
		var sc segment.Scratch
		for round := range 3 {
			type job struct {
				tr  int
				doc segment.Document
				why segment.DropReason
				in  func() ([]byte, segment.DropReason)
			}
			var jobs []job
			for j, attrs := range spans {
				if j == perBatch-1 && round == 1 {
					// The same keys with equal contents in other strings.
					attrs = append([]attribute.KeyValue(nil), attrs...)
					for i := range attrs {
						attrs[i].Key = attribute.Key(strings.Clone(string(attrs[i].Key)))
					}
				}
				i := (j + round) % 2
				st := stub("op "+string(rune('a'+j)), kinds[(j+int(mode>>4))%len(kinds)], parents[(j+round)%len(parents)], attrs...)
				if j%2 == 1 {
					st.Resource = res
				}
				span := st.Snapshot()
				d, why := trs[i].TranslateWith(&sc, span)
				jobs = append(jobs, job{tr: i, doc: d, why: why, in: func() ([]byte, segment.DropReason) { return encode(trs[i], span) }})
			}
			for j, jb := range jobs {
				want, why := jb.in()
				if why != jb.why {
					t.Fatalf("round %d, span %d: dropped %v, want %v", round, j, jb.why, why)
				}
				if why != segment.Keep {
					continue
				}
				if got := wire.AppendDocument(nil, &jb.doc); !bytes.Equal(got, want) {
					t.Fatalf("round %d, span %d (translator %d):\n got %s\nwant %s", round, j, jb.tr, got, want)
				}
			}
			sc.Reset()
		}
	})
}
