package ddlambda

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

var updateInferred = flag.Bool("update-inferred", false, "rewrite the golden files under testdata/inferred")

// decodeAs reads a testdata event into the aws-lambda-go type T.
func decodeAs[T any](t *testing.T, b []byte) any {
	t.Helper()
	var e T
	if err := json.Unmarshal(b, &e); err != nil {
		t.Fatal(err)
	}
	return e
}

// want is what the shared doc (docs/datadog-lambda.md's source table,
// datadog-propagation.md section 4) says of one inferred span.
type want struct {
	name, resource, service, typ string
	async                        bool
	start                        string // RFC 3339, "" for none
	tags                         map[string]string
}

var inferCases = []struct {
	file   string
	decode func(*testing.T, []byte) any
	spans  []want // outermost first
}{
	{"rest", decodeAs[events.APIGatewayProxyRequest], []want{{"aws.apigateway", "GET /prod/orders/{order_id}", "abc123.execute-api.eu-west-1.amazonaws.com", "web", false,
		"2025-12-02T18:26:40.123Z", map[string]string{"endpoint": "/prod/orders/42", "http.url": "https://abc123.execute-api.eu-west-1.amazonaws.com/prod/orders/42",
			"http.method": "GET", "http.protocol": "HTTP/1.1", "http.source_ip": "203.0.113.7", "http.user_agent": "curl/8.0",
			"request_id": "c6af9ac6-7b61-11e6-9a41-93e8deadbeef", "http.route": "/orders/{id}", "_inferred_span.synchronicity": "sync"}}}},
	{"rest_async", decodeAs[events.APIGatewayProxyRequest], []want{{"aws.apigateway", "POST /users/{user_id}/files", "api.example.com", "web", true,
		"2025-12-02T18:26:40.456Z", map[string]string{"_inferred_span.synchronicity": "async"}}}},
	{"httpapi", decodeAs[events.APIGatewayV2HTTPRequest], []want{{"aws.httpapi", "GET /orders/{order_id}", "xyz789.execute-api.eu-west-1.amazonaws.com", "web", false,
		"2025-12-02T18:26:41Z", map[string]string{"http.route": "/orders/{id}", "http.method": "GET", "request_id": "JKJaXmPLvHcESHA="}}}},
	{"websocket", decodeAs[events.APIGatewayWebsocketProxyRequest], []want{{"aws.apigateway", "$connect", "ws123.execute-api.eu-west-1.amazonaws.com", "web", true,
		"2025-12-02T18:26:42Z", map[string]string{"endpoint": "$connect", "event_type": "CONNECT", "connection_id": "L0SM9cOFvHcCIhw=",
			"http.url": "https://ws123.execute-api.eu-west-1.amazonaws.com$connect", "message_direction": "IN", "apiid": "ws123", "stage": "prod"}}}},
	{"url", decodeAs[events.LambdaFunctionURLRequest], []want{{"aws.lambda.url", "POST /orders/42", "urlid.lambda-url.eu-west-1.on.aws", "http", false,
		"2025-12-02T18:26:43Z", map[string]string{"operation_name": "aws.lambda.url", "http.url": "https://urlid.lambda-url.eu-west-1.on.aws/orders/42"}}}},
	{"sqs", decodeAs[events.SQSEvent], []want{{"aws.sqs", "orders-queue", "orders-queue", "web", true, "2025-12-02T18:26:44Z",
		map[string]string{"operation_name": "aws.sqs", "retry_count": "1", "sender_id": "AIDAIENQZJOLO23YVJ4VO",
			"source_arn": "arn:aws:sqs:eu-west-1:123456789012:orders-queue", "aws_region": "eu-west-1", "receipt_handle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a"}}}},
	{"sns", decodeAs[events.SNSEvent], []want{{"aws.sns", "orders-topic", "orders-topic", "web", true, "2025-12-02T18:26:45.123Z",
		map[string]string{"operation_name": "aws.sns", "topicname": "orders-topic", "topic_arn": "arn:aws:sns:eu-west-1:123456789012:orders-topic",
			"message_id": "95df01b4-ee98-5cb9-9903-4c221d41eb5e", "type": "Notification", "subject": "new order"}}}},
	{"eventbridge", decodeAs[events.EventBridgeEvent], []want{{"aws.eventbridge", "orders-bus", "orders-bus", "web", true, "2025-12-02T18:26:46.789Z",
		map[string]string{"operation_name": "aws.eventbridge", "detail_type": "OrderPlaced"}}}},
	{"eventbridge_plain", decodeAs[events.CloudWatchEvent], []want{{"aws.eventbridge", "aws.events", "aws.events", "web", true, "2025-12-02T18:26:47Z",
		map[string]string{"detail_type": "Scheduled Event"}}}},
	{"kinesis", decodeAs[events.KinesisEvent], []want{{"aws.kinesis", "orders-stream", "orders-stream", "web", true, "2025-12-02T18:26:48.5Z",
		map[string]string{"operation_name": "aws.kinesis", "stream_name": "orders-stream", "shard_id": "shardId-000000000006", "partition_key": "order-42"}}}},
	{"dynamodb", decodeAs[events.DynamoDBEvent], []want{{"aws.dynamodb", "INSERT orders", "orders", "web", true, "2025-12-02T18:26:49Z",
		map[string]string{"operation_name": "aws.dynamodb", "table_name": "orders", "event_name": "INSERT", "size_bytes": "26", "stream_view_type": "NEW_AND_OLD_IMAGES"}}}},
	{"s3", decodeAs[events.S3Event], []want{{"aws.s3", "orders-bucket", "orders-bucket", "web", true, "2025-12-02T18:26:50Z",
		map[string]string{"operation_name": "aws.s3", "bucketname": "orders-bucket", "event_name": "ObjectCreated:Put", "object_key": "invoices/42.pdf", "object_size": "1024"}}}},
	{"sns_sqs", decodeAs[events.SQSEvent], []want{
		{"aws.sns", "orders-topic", "orders-topic", "web", true, "2025-12-02T18:26:51.5Z", map[string]string{"peer.service": "orders-queue", "topicname": "orders-topic"}},
		{"aws.sqs", "orders-queue", "orders-queue", "web", true, "2025-12-02T18:26:52Z", map[string]string{"function_trigger.event_source": "sns", "peer.service": "orders"}}}},
	{"eventbridge_sqs", decodeAs[events.SQSEvent], []want{
		{"aws.eventbridge", "orders.service", "orders.service", "web", true, "2025-12-02T18:26:52Z", map[string]string{"peer.service": "orders-queue"}},
		{"aws.sqs", "orders-queue", "orders-queue", "web", true, "2025-12-02T18:26:53Z", map[string]string{"function_trigger.event_source": "eventbridge"}}}},
	{"eventbridge_sns", decodeAs[events.SNSEvent], []want{
		{"aws.eventbridge", "orders.service", "orders.service", "web", true, "2025-12-02T18:26:52Z", map[string]string{"peer.service": "orders-topic"}},
		{"aws.sns", "orders-topic", "orders-topic", "web", true, "2025-12-02T18:26:45.123Z", map[string]string{"function_trigger.event_source": "eventbridge"}}}},
}

// TestInferredSpans compares each event source's spans field by field
// with the shared doc, then with the golden file; the same event as raw
// JSON, and as a map, gives the same spans.
func TestInferredSpans(t *testing.T) {
	o := inferOptions{peer: "orders"}
	for _, tc := range inferCases {
		t.Run(tc.file, func(t *testing.T) {
			b, err := readEvent(tc.file)
			if err != nil {
				t.Fatal(err)
			}
			got := infer(tc.decode(t, b), o)
			if len(got) != len(tc.spans) {
				t.Fatalf("%d spans, want %d: %+v", len(got), len(tc.spans), got)
			}
			for i, w := range tc.spans {
				g := got[i]
				if g.Name != w.name || g.Resource != w.resource || g.Service != w.service || g.Type != w.typ || g.Async != w.async {
					t.Errorf("span %d = %s %q %q %s async=%t, want %s %q %q %s async=%t", i, g.Name, g.Resource, g.Service, g.Type, g.Async,
						w.name, w.resource, w.service, w.typ, w.async)
				}
				if start := formatStart(g.Start); start != w.start {
					t.Errorf("span %d starts at %s, want %s", i, start, w.start)
				}
				for k, v := range w.tags {
					if g.Tags[k] != v {
						t.Errorf("span %d: tag %s = %q, want %q", i, k, g.Tags[k], v)
					}
				}
				if g.Tags["_inferred_span.tag_source"] != "self" || g.Tags["_dd.base_service"] != "orders" {
					t.Errorf("span %d lacks the common tags: %v", i, g.Tags)
				}
			}
			golden(t, tc.file, got)
			var m map[string]any
			if err := json.Unmarshal(b, &m); err != nil {
				t.Fatal(err)
			}
			for name, raw := range map[string]any{"raw": json.RawMessage(b), "bytes": b, "map": m} {
				if r := infer(raw, o); !sameJSON(t, r, got) {
					t.Errorf("as %s: %+v, want %+v", name, r, got)
				}
			}
		})
	}
}

func readEvent(name string) ([]byte, error) {
	return os.ReadFile(filepath.Join("testdata", "inferred", name+".json"))
}

func formatStart(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339Nano)
}

func golden(t *testing.T, name string, v any) {
	t.Helper()
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		t.Fatal(err)
	}
	b = append(b, '\n')
	path := filepath.Join("testdata", "inferred", name+".golden")
	if *updateInferred {
		if err := os.WriteFile(path, b, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update-inferred to write it)", err)
	}
	if !bytes.Equal(b, want) {
		t.Errorf("differs from %s (go test -update-inferred rewrites it):\n%s", path, b)
	}
}

func sameJSON(t *testing.T, a, b any) bool {
	t.Helper()
	x, err1 := json.Marshal(a)
	y, err2 := json.Marshal(b)
	if err1 != nil || err2 != nil {
		t.Fatal(err1, err2)
	}
	return bytes.Equal(x, y)
}
