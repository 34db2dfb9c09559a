package segment_test

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

const goStack = `goroutine 7 [running]:
runtime/debug.Stack()
	/usr/local/go/src/runtime/debug/stack.go:26 +0x5e
go.opentelemetry.io/otel/sdk/trace.recordStackTrace()
	/root/go/pkg/mod/go.opentelemetry.io/otel/sdk@v1.47.0/trace/span.go:530 +0x1d
go.opentelemetry.io/otel/sdk/trace.(*recordingSpan).RecordError(0xc000162000, {0x7f3c20, 0xc00012a010}, {0xc000131e40, 0x1, 0x1})
	/root/go/pkg/mod/go.opentelemetry.io/otel/sdk@v1.47.0/trace/span.go:495 +0x3b5
example.com/orders.(*Store).Put(0xc00011e000, {0x7f5f48, 0xc000124000}, 0xc00012c000)
	/src/orders/store.go:88 +0x1a4
example.com/orders.handle({0x7f5f48, 0xc000124000})
	/src/orders/main.go:41 +0x8c
created by example.com/orders.serve in goroutine 1
	/src/orders/main.go:20 +0x45
`

func goldenCases() []struct {
	name string
	cfg  segment.Config
	span func() tracetest.SpanStub
} {
	return []struct {
		name string
		cfg  segment.Config
		span func() tracetest.SpanStub
	}{
		{"server", segment.Config{Indexed: []string{"order.id"}}, func() tracetest.SpanStub {
			s := stub("GET /orders/{id}", trace.SpanKindServer, remoteParent(),
				attribute.String("http.request.method", "GET"),
				attribute.String("url.scheme", "https"),
				attribute.String("server.address", "api.example.com"),
				attribute.String("url.path", "/orders/42"),
				attribute.String("url.query", "verbose=1"),
				attribute.String("http.route", "/orders/{id}"),
				attribute.Int("http.response.status_code", 404),
				attribute.String("user_agent.original", "curl/8.5.0"),
				attribute.String("client.address", "203.0.113.9"),
				attribute.String("network.peer.address", "10.0.0.7"),
				attribute.String("enduser.id", "alice"),
				attribute.String("order.id", "42"))
			return s
		}},
		{"client_http_old_conventions", segment.Config{}, func() tracetest.SpanStub {
			return stub("HTTP POST", trace.SpanKindClient, localParent(),
				attribute.String("http.method", "POST"),
				attribute.String("http.url", "https://user:secret@payments.example.com/charge?x=1"),
				attribute.Int("http.status_code", 429),
				attribute.String("net.peer.name", "payments.example.com"))
		}},
		{"aws_dynamodb", segment.Config{}, func() tracetest.SpanStub {
			return stub("DynamoDB.GetItem", trace.SpanKindClient, localParent(),
				attribute.String("rpc.system", "aws-api"),
				attribute.String("rpc.service", "DynamoDB"),
				attribute.String("rpc.method", "GetItem"),
				attribute.String("cloud.region", "eu-west-1"),
				attribute.String("aws.request_id", "G8RAAL9V2PJR4B0VCVR9LIJUFVVV4KQNSO5AEMVJF66Q9ASUAAJG"),
				attribute.StringSlice("aws.dynamodb.table_names", []string{"orders"}),
				attribute.Bool("aws.dynamodb.consistent_read", true),
				attribute.Int("http.response.status_code", 200))
		}},
		{"aws_sqs_batch_tables", segment.Config{}, func() tracetest.SpanStub {
			return stub("SQS.SendMessage", trace.SpanKindProducer, localParent(),
				attribute.String("rpc.system", "aws-api"),
				attribute.String("rpc.service", "SQS"),
				attribute.String("rpc.method", "AmazonSQS/SendMessage"),
				attribute.String("aws.region", "us-east-1"),
				attribute.String("url.full", "https://sqs.us-east-1.amazonaws.com/123456789012/order-changes"),
				attribute.String("aws.message_id", "5fea7756-0ea4-451a-a703-a558b933e274"),
				attribute.Int("aws.retries", 1),
				attribute.Int("http.response.status_code", 200))
		}},
		{"sql", segment.Config{}, func() tracetest.SpanStub {
			return stub("SELECT orders", trace.SpanKindClient, localParent(),
				attribute.String("db.system", "postgresql"),
				attribute.String("db.namespace", "shop"),
				attribute.String("db.query.text", "SELECT * FROM orders WHERE id = $1"),
				attribute.String("db.user", "app"),
				attribute.String("db.connection_string", "postgres://app:hunter2@db.internal:5432/shop?sslmode=require"),
				attribute.String("server.address", "db.internal"))
		}},
		{"exception_with_stack", segment.Config{}, func() tracetest.SpanStub {
			s := stub("store order", trace.SpanKindInternal, localParent())
			s.Status = sdktrace.Status{Code: codes.Error, Description: "put failed"}
			s.Events = []sdktrace.Event{{Name: "exception", Time: start, Attributes: []attribute.KeyValue{
				attribute.String("exception.type", "*errors.errorString"),
				attribute.String("exception.message", "conditional check failed"),
				attribute.String("exception.stacktrace", goStack),
			}}}
			return s
		}},
		{"links", segment.Config{}, func() tracetest.SpanStub {
			s := stub("process batch", trace.SpanKindConsumer, localParent())
			for i := range 2 {
				sc := trace.NewSpanContext(trace.SpanContextConfig{
					TraceID: trace.TraceID{0x65, 0x5f, 0x00, byte(i + 1), 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
					SpanID:  trace.SpanID{1, 2, 3, 4, 5, 6, 7, byte(i + 1)}, TraceFlags: trace.FlagsSampled, Remote: true})
				s.Links = append(s.Links, sdktrace.Link{SpanContext: sc, Attributes: []attribute.KeyValue{attribute.Int("messaging.batch.index", i)}})
			}
			return s
		}},
		{"lambda_child", segment.Config{Lambda: true}, func() tracetest.SpanStub {
			s := stub("handler", trace.SpanKindServer, remoteParent(),
				attribute.String("faas.invocation_id", "c6af9ac6-7b61-11e6-9a41-93e8deadbeef"),
				attribute.Bool("faas.coldstart", true),
				attribute.StringSlice("aws.xray.annotations", []string{"faas.coldstart"}),
				attribute.String("aws.xray.metadata.orders", `{"items": 3, "total": {"currency": "EUR", "cents": 4200}}`))
			return s
		}},
		{"resource_ec2", segment.Config{}, func() tracetest.SpanStub {
			s := stub("GET /", trace.SpanKindServer, trace.SpanContext{})
			s.Resource = resource.NewSchemaless(
				attribute.String("service.name", "checkout"), attribute.String("service.version", "1.4.2"),
				attribute.String("cloud.platform", "aws_ec2"), attribute.String("cloud.account.id", "123456789012"),
				attribute.String("cloud.availability_zone", "eu-west-1a"), attribute.String("host.id", "i-0abcd1234ef567890"),
				attribute.String("host.type", "m7g.large"), attribute.String("host.image.id", "ami-0123456789abcdef0"),
				attribute.StringSlice("aws.log.group.names", []string{"/app/checkout"}),
				attribute.String("telemetry.sdk.name", "opentelemetry"), attribute.String("telemetry.sdk.language", "go"),
				attribute.String("telemetry.sdk.version", "1.47.0"))
			return s
		}},
		{"resource_ecs_fargate", segment.Config{}, func() tracetest.SpanStub {
			s := stub("GET /", trace.SpanKindServer, trace.SpanContext{})
			s.Resource = resource.NewSchemaless(
				attribute.String("service.name", "checkout"), attribute.String("cloud.platform", "aws_ecs"),
				attribute.String("aws.ecs.launchtype", "fargate"), attribute.String("container.name", "web"),
				attribute.String("container.id", "cfa4a3f2c1"), attribute.String("aws.ecs.cluster.arn", "arn:aws:ecs:eu-west-1:123456789012:cluster/prod"),
				attribute.String("aws.ecs.task.arn", "arn:aws:ecs:eu-west-1:123456789012:task/prod/0123"),
				attribute.String("aws.ecs.task.family", "checkout"))
			return s
		}},
		{"resource_eks", segment.Config{}, func() tracetest.SpanStub {
			s := stub("GET /", trace.SpanKindServer, trace.SpanContext{})
			s.Resource = resource.NewSchemaless(
				attribute.String("service.name", "checkout"), attribute.String("cloud.platform", "aws_eks"),
				attribute.String("k8s.cluster.name", "prod"), attribute.String("k8s.pod.name", "checkout-7d9f-xk2"),
				attribute.String("container.id", "0f1e2d3c"))
			return s
		}},
	}
}

func TestGolden(t *testing.T) {
	for _, tc := range goldenCases() {
		t.Run(tc.name, func(t *testing.T) {
			got, why := encode(segment.NewTranslator(tc.cfg), tc.span().Snapshot())
			if why != segment.Keep {
				t.Fatalf("dropped: %v", why)
			}
			if err := validate.Document(got); err != nil {
				t.Fatalf("invalid document: %v\n%s", err, got)
			}
			var pretty bytes.Buffer
			if err := json.Indent(&pretty, got, "", "  "); err != nil {
				t.Fatalf("not JSON: %v\n%s", err, got)
			}
			pretty.WriteByte('\n')
			path := filepath.Join("testdata", "golden", tc.name+".json")
			if *update {
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, pretty.Bytes(), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test -update to create it)", err)
			}
			if !bytes.Equal(pretty.Bytes(), want) {
				t.Errorf("document differs from %s (go test -update rewrites it):\ngot:\n%s\nwant:\n%s", path, pretty.Bytes(), want)
			}
		})
	}
}
