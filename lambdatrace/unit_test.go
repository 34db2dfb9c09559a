package lambdatrace_test

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

func TestParentFromHeader(t *testing.T) {
	tests := []struct {
		header          string
		valid, sampled  bool
		traceID, spanID string
	}{
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", true, true, "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;Lineage=a87bd80c:1|68fd508a:5", true, true, "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", true, false, "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=?", true, false, "5759e988bd862e3fe1be46a994272793", "53995c3f42cd8ad8"},
		{"Root=1-5759e988-bd862e3fe1be46a994272793", true, false, "5759e988bd862e3fe1be46a994272793", ""},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=0000000000000000;Sampled=1", true, false, "5759e988bd862e3fe1be46a994272793", ""},
		{"Root=1-5759e988-bd862e3fe1be46a994272793;Parent=xyz;Sampled=1", true, false, "5759e988bd862e3fe1be46a994272793", ""},
		{"Root=garbage;Parent=53995c3f42cd8ad8;Sampled=1", false, false, "", ""},
		{"", false, false, "", ""},
		{";;;===;", false, false, "", ""},
	}
	for _, tc := range tests {
		sc := lambdatrace.ParentFromHeader(tc.header)
		if sc.IsValid() != tc.valid || sc.IsSampled() != tc.sampled || (tc.valid && !sc.IsRemote()) {
			t.Errorf("%q: valid %v sampled %v remote %v", tc.header, sc.IsValid(), sc.IsSampled(), sc.IsRemote())
			continue
		}
		if tc.traceID != "" && sc.TraceID().String() != tc.traceID {
			t.Errorf("%q: trace %s", tc.header, sc.TraceID())
		}
		if tc.spanID != "" && sc.SpanID().String() != tc.spanID {
			t.Errorf("%q: span %s", tc.header, sc.SpanID())
		}
	}
}

func FuzzParentFromHeader(f *testing.F) {
	f.Add("Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
	f.Add("Root=1-5759e988-bd862e3fe1be46a994272793")
	f.Add("Root=;Parent=;Sampled=")
	f.Fuzz(func(t *testing.T, h string) {
		sc := lambdatrace.ParentFromHeader(h)
		if sc.IsValid() && (!sc.IsRemote() || !sc.SpanID().IsValid()) {
			t.Fatalf("%q gave %v", h, sc)
		}
	})
}

func TestResource(t *testing.T) {
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	t.Setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
	t.Setenv("AWS_REGION", "eu-west-1")
	t.Setenv("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
	t.Setenv("AWS_LAMBDA_LOG_STREAM_NAME", "2026/12/02/[$LATEST]8f1c")
	t.Setenv("OTEL_SERVICE_NAME", "")
	r := lambdatrace.Resource(context.Background())
	want := map[attribute.Key]attribute.Value{
		"cloud.platform":  attribute.StringValue("aws_lambda"),
		"cloud.provider":  attribute.StringValue("aws"),
		"faas.max_memory": attribute.Int64Value(128 << 20),
		"faas.name":       attribute.StringValue("orders"),
		"service.name":    attribute.StringValue("orders"),
		"cloud.region":    attribute.StringValue("eu-west-1"),
		"faas.version":    attribute.StringValue("$LATEST"),
		"faas.instance":   attribute.StringValue("2026/12/02/[$LATEST]8f1c"),
	}
	for k, v := range want {
		if got, ok := r.Set().Value(k); !ok || got != v {
			t.Errorf("%s = %v, want %v", k, got.String(), v.String())
		}
	}
	t.Setenv("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "lots")
	if _, ok := lambdatrace.Resource(context.Background()).Set().Value("faas.max_memory"); ok {
		t.Error("faas.max_memory from a memory size that is not a number")
	}
	t.Setenv("OTEL_SERVICE_NAME", "checkout")
	if got, _ := lambdatrace.Resource(context.Background()).Set().Value("service.name"); got.AsString() != "checkout" {
		t.Errorf("OTEL_SERVICE_NAME ignored: %s", got.AsString())
	}
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "")
	if r := lambdatrace.Resource(context.Background()); r == nil || r.Len() == 0 {
		t.Error("outside Lambda the resource must still be the default one")
	}
}

func TestBuiltinRequest(t *testing.T) {
	sqsArn := "arn:aws:sqs:eu-west-1:123456789012:order-changes"
	tests := []struct {
		name    string
		event   any
		trigger string
		attrs   map[string]string
		spanNm  string
	}{
		{"api gateway v1", events.APIGatewayProxyRequest{HTTPMethod: "POST", Resource: "/orders", Path: "/orders",
			Headers: map[string]string{"host": "x.execute-api.eu-west-1.amazonaws.com"}}, "http",
			map[string]string{"http.request.method": "POST", "http.route": "/orders", "server.address": "x.execute-api.eu-west-1.amazonaws.com"}, "POST /orders"},
		{"api gateway v2 default route", &events.APIGatewayV2HTTPRequest{RouteKey: "$default", RawPath: "/x",
			RequestContext: events.APIGatewayV2HTTPRequestContext{HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET"}}}, "http",
			map[string]string{"url.path": "/x", "http.route": ""}, ""},
		{"alb", events.ALBTargetGroupRequest{HTTPMethod: "GET", Path: "/health", Headers: map[string]string{"Host": "alb.example.com", "x-forwarded-for": "198.51.100.7, 10.0.0.1"}}, "http",
			map[string]string{"url.path": "/health", "server.address": "alb.example.com", "client.address": "198.51.100.7"}, ""},
		{"function url", events.LambdaFunctionURLRequest{RawPath: "/p", RequestContext: events.LambdaFunctionURLRequestContext{DomainName: "abc.lambda-url.eu-west-1.on.aws",
			HTTP: events.LambdaFunctionURLRequestContextHTTPDescription{Method: "PUT"}}}, "http",
			map[string]string{"http.request.method": "PUT", "server.address": "abc.lambda-url.eu-west-1.on.aws"}, ""},
		{"sqs", events.SQSEvent{Records: []events.SQSMessage{{EventSourceARN: sqsArn}}}, "pubsub",
			map[string]string{"messaging.system": "aws_sqs", "messaging.destination.name": "order-changes"}, ""},
		{"sns", events.SNSEvent{Records: []events.SNSEventRecord{{SNS: events.SNSEntity{TopicArn: "arn:aws:sns:eu-west-1:123456789012:orders"}}}}, "pubsub",
			map[string]string{"messaging.system": "aws_sns", "messaging.destination.name": "arn:aws:sns:eu-west-1:123456789012:orders"}, ""},
		{"eventbridge schedule", events.EventBridgeEvent{DetailType: "Scheduled Event", Source: "aws.events"}, "timer",
			map[string]string{"aws.eventbridge.source": "aws.events"}, ""},
		{"dynamodb stream", events.DynamoDBEvent{Records: []events.DynamoDBEventRecord{{EventName: "MODIFY",
			EventSourceArn: "arn:aws:dynamodb:eu-west-1:123456789012:table/orders/stream/2026-01-01T00:00:00.000"}}}, "datasource",
			map[string]string{"faas.document.collection": "orders", "faas.document.operation": "edit"}, ""},
		{"kinesis", events.KinesisEvent{Records: []events.KinesisEventRecord{{EventSourceArn: "arn:aws:kinesis:eu-west-1:123456789012:stream/clicks"}}}, "pubsub",
			map[string]string{"messaging.system": "aws_kinesis", "messaging.destination.name": "clicks"}, ""},
		{"s3", events.S3Event{Records: []events.S3EventRecord{{EventName: "ObjectCreated:Put", S3: events.S3Entity{
			Bucket: events.S3Bucket{Name: "invoices"}, Object: events.S3Object{Key: "2026/42.pdf"}}}}}, "datasource",
			map[string]string{"faas.document.collection": "invoices", "faas.document.name": "2026/42.pdf", "faas.document.operation": "insert"}, ""},
		{"nil pointer", (*events.SQSEvent)(nil), "", nil, ""},
	}
	for _, tc := range tests {
		r, ok := lambdatrace.BuiltinRequest(tc.event)
		if ok != (tc.trigger != "") || r.Trigger != tc.trigger || r.Name != tc.spanNm {
			t.Errorf("%s: ok %v trigger %q name %q", tc.name, ok, r.Trigger, r.Name)
		}
		got := map[string]string{}
		for _, kv := range r.Attributes {
			got[string(kv.Key)] = kv.Value.String()
		}
		for k, v := range tc.attrs {
			if got[k] != v {
				t.Errorf("%s: %s = %q, want %q", tc.name, k, got[k], v)
			}
		}
	}
	if _, ok := lambdatrace.BuiltinRequest(map[string]any{"x": 1}); ok {
		t.Error("an unknown event was recognised")
	}
}

func TestBuiltinResponse(t *testing.T) {
	for _, resp := range []any{events.APIGatewayProxyResponse{StatusCode: 503}, &events.APIGatewayV2HTTPResponse{StatusCode: 503},
		events.ALBTargetGroupResponse{StatusCode: 503}, events.LambdaFunctionURLResponse{StatusCode: 503}} {
		if got := lambdatrace.BuiltinResponse(resp); got.StatusCode != 503 {
			t.Errorf("%T: %d", resp, got.StatusCode)
		}
	}
	if got := lambdatrace.BuiltinResponse((*events.ALBTargetGroupResponse)(nil)); got.StatusCode != 0 {
		t.Error("nil response")
	}
}

var _ trace.SpanContext
