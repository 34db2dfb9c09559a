package ddlambda

import (
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"
)

func TestParseServiceMapping(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want map[string]string
	}{
		{"", nil},
		{"lambda_sqs:queues", map[string]string{"lambda_sqs": "queues"}},
		{" lambda_sqs : queues , abc123:orders-api,", map[string]string{"lambda_sqs": "queues", "abc123": "orders-api"}},
		{"a:b:c,novalue:,:nokey,plain,ok:yes", map[string]string{"ok": "yes"}},
		{"k:first,k:second", map[string]string{"k": "second"}},
		{",,,:,::", nil},
	} {
		if got := parseServiceMapping(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("parseServiceMapping(%q) = %v, want %v", tc.in, got, tc.want)
		}
	}
	if m := parseServiceMapping(strings.Repeat("k:v,", 1e5) + strings.Repeat("x", 1e5) + ":y"); len(m) != 1 {
		t.Errorf("%d entries from repeated and oversized ones", len(m))
	}
}

func TestServiceNaming(t *testing.T) {
	sqs := events.SQSEvent{Records: []events.SQSMessage{{EventSourceARN: "arn:aws:sqs:eu-west-1:1:orders-queue"}}}
	for _, tc := range []struct {
		name string
		o    inferOptions
		want string
	}{
		{"instance", inferOptions{}, "orders-queue"},
		{"specific wins", inferOptions{mapping: map[string]string{"orders-queue": "mine", "lambda_sqs": "all-queues"}}, "mine"},
		{"generic", inferOptions{mapping: map[string]string{"lambda_sqs": "all-queues", "lambda_sns": "x"}}, "all-queues"},
		{"representation off", inferOptions{genericServices: true}, "sqs"},
		{"mapping beats representation off", inferOptions{genericServices: true, mapping: map[string]string{"lambda_sqs": "q"}}, "q"},
	} {
		if got := infer(sqs, tc.o); len(got) != 1 || got[0].Service != tc.want {
			t.Errorf("%s: %+v, want service %q", tc.name, got, tc.want)
		}
	}
	ws := events.APIGatewayWebsocketProxyRequest{RequestContext: events.APIGatewayWebsocketProxyRequestContext{DomainName: "d", APIID: "ws1"}}
	if got := infer(ws, inferOptions{genericServices: true}); got[0].Service != "api_gateway_websocket" {
		t.Errorf("websocket without instance names: %q", got[0].Service)
	}
	if got := infer(ws, inferOptions{mapping: map[string]string{"ws1": "chat", "lambda_api_gateway": "apis"}}); got[0].Service != "chat" {
		t.Errorf("websocket by API ID: %q", got[0].Service)
	}
}

func TestParameterize(t *testing.T) {
	for in, want := range map[string]string{
		"":                                  "",
		"/":                                 "",
		"/orders":                           "/orders",
		"/orders/42":                        "/orders/{order_id}",
		"/orders/42/":                       "/orders/{order_id}",
		"/42":                               "/{id}",
		"/ids/42":                           "/ids/{id}",
		"/users/abc":                        "/users/abc",
		"/users/{id}/42":                    "/users/{id}/42",
		"/a//b/7":                           "/a/b/{b_id}",
		"/files/01ARZ3NDEKTSV4RRFFQ69G5FAV": "/files/{file_id}",
		"/x/v1-3F2504E0-4F89-11D3-9A0C-0305E82C3301": "/x/{x_id}",
		"/classes/12": "/classes/{classe_id}", // as the extension trims every s
	} {
		if got := parameterize(in); got != want {
			t.Errorf("parameterize(%q) = %q, want %q", in, got, want)
		}
	}
}

// Hostile events give bounded, valid output and no panic.
func TestInferredHostileEvents(t *testing.T) {
	huge := strings.Repeat("é", 1<<20) + "\xff"
	bad := "\xff\xfe" + strings.Repeat("a", 10)
	nan := math.NaN()
	cases := map[string]any{
		"nil":        nil,
		"nil rest":   (*events.APIGatewayProxyRequest)(nil),
		"nil sqs":    (*events.SQSEvent)(nil),
		"empty sqs":  events.SQSEvent{},
		"empty map":  map[string]any{},
		"nil map":    map[string]any(nil),
		"not json":   json.RawMessage(`{"Records":[`),
		"number":     json.RawMessage(`42`),
		"huge rest":  events.APIGatewayProxyRequest{RequestContext: events.APIGatewayProxyRequestContext{HTTPMethod: huge, Path: "/" + huge + "/1", DomainName: huge, RequestTimeEpoch: math.MaxInt64}},
		"bad utf8":   events.SNSEvent{Records: []events.SNSEventRecord{{SNS: events.SNSEntity{TopicArn: bad, Subject: bad, Message: "{" + bad}}}},
		"sqs times":  events.SQSEvent{Records: []events.SQSMessage{{Attributes: map[string]string{"SentTimestamp": "-99999999999999999"}, Body: `{"Type":"Notification","TopicArn":"x","Timestamp":"never"}`}}},
		"eb times":   json.RawMessage(`{"detail-type":"x","source":"s","time":"yesterday","detail":{"_datadog":{"x-datadog-start-time":"NaN"}}}`),
		"eb huge ts": json.RawMessage(`{"detail-type":"x","source":"s","detail":{"_datadog":{"x-datadog-start-time":1e300}}}`),
		"map nan":    map[string]any{"x": nan},
		"ddb":        events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventSourceArn: "////"}}},
		"kinesis":    events.KinesisEvent{Records: []events.KinesisEventRecord{{EventSourceArn: huge, EventID: huge}}},
		"s3":         events.S3Event{Records: []events.S3EventRecord{{EventTime: time.Unix(1<<62, 0)}}},
	}
	for name, e := range cases {
		t.Run(name, func(t *testing.T) { checkBounded(t, infer(e, inferOptions{peer: huge})) })
	}
}

func checkBounded(t *testing.T, spans []inferred) {
	t.Helper()
	if len(spans) > 2 {
		t.Errorf("%d spans", len(spans))
	}
	for _, s := range spans {
		for _, v := range append([]string{s.Name, s.Resource, s.Service, s.Type}, tagValues(s.Tags)...) {
			if len(v) > maxValue || !utf8.ValidString(v) {
				t.Errorf("a value of %d bytes (valid UTF-8: %t)", len(v), utf8.ValidString(v))
			}
		}
		if len(s.Tags) > 24 {
			t.Errorf("%d tags", len(s.Tags))
		}
		if !s.Start.IsZero() && !validTime(s.Start) {
			t.Errorf("start %v", s.Start)
		}
	}
}

func tagValues(m map[string]string) []string {
	var out []string
	for k, v := range m {
		out = append(out, k, v)
	}
	return out
}

func FuzzInfer(f *testing.F) {
	for _, tc := range inferCases {
		if b, err := readEvent(tc.file); err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(`{"Records":[{"eventSource":"aws:sqs","body":"{\"Type\":\"Notification\",\"TopicArn\":\"t\"}"}]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		checkBounded(t, infer(json.RawMessage(b), inferOptions{}))
		var e events.SQSEvent
		if json.Unmarshal(b, &e) == nil {
			checkBounded(t, infer(e, inferOptions{}))
		}
	})
}

func BenchmarkInfer(b *testing.B) {
	for _, name := range []string{"rest", "sqs", "sns_sqs"} {
		raw, err := readEvent(name)
		if err != nil {
			b.Fatal(err)
		}
		var e any
		switch name {
		case "rest":
			var v events.APIGatewayProxyRequest
			err = json.Unmarshal(raw, &v)
			e = v
		default:
			var v events.SQSEvent
			err = json.Unmarshal(raw, &v)
			e = v
		}
		if err != nil {
			b.Fatal(err)
		}
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = infer(e, inferOptions{peer: "orders"})
			}
		})
	}
}
