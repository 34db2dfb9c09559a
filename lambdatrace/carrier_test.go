package lambdatrace_test

import (
	"encoding/base64"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/metadata"
)

// The IDs every carrier below holds, in each dialect.
const (
	wantTrace  = "6758a1b2c3d4e5f60123456789abcdef"
	wantSpan   = "00f067aa0ba902b7"
	traceparnt = "00-" + wantTrace + "-" + wantSpan + "-01"
	xrayHeader = "Root=1-6758a1b2-c3d4e5f60123456789abcdef;Parent=" + wantSpan + ";Sampled=1"
	// ddCarrier is a _datadog value in the format dd-trace-go writes.
	ddCarrier = `{"x-datadog-trace-id":"81985529216486895","x-datadog-parent-id":"67667974448284343",` +
		`"x-datadog-sampling-priority":"1","x-datadog-tags":"_dd.p.dm=-0,_dd.p.tid=6758a1b2c3d4e5f6"}`
	// ddCarrierW3C is one written with the default styles datadog,tracecontext.
	ddCarrierW3C = `{"x-datadog-trace-id":"81985529216486895","x-datadog-parent-id":"67667974448284343",` +
		`"x-datadog-sampling-priority":"1","x-datadog-tags":"_dd.p.dm=-0,_dd.p.tid=6758a1b2c3d4e5f6",` +
		`"traceparent":"` + traceparnt + `","tracestate":"dd=s:1;p:00f067aa0ba902b7;t.dm:-0;t.tid:6758a1b2c3d4e5f6"}`
)

func str(s string) *string { return &s }

func snsEnvelope(attrs string) string {
	return `{"Type":"Notification","MessageId":"m","TopicArn":"arn:aws:sns:eu-west-1:1:t","Message":"hi","MessageAttributes":` + attrs + `}`
}

func TestEventContexts(t *testing.T) {
	b64 := base64.StdEncoding.EncodeToString([]byte(ddCarrier))
	tests := []struct {
		name     string
		event    any
		carriers []string // per link, in order; the first is the Parent
	}{
		{"API Gateway v1 mixed-case header", events.APIGatewayProxyRequest{HTTPMethod: "GET",
			Headers: map[string]string{"TraceParent": traceparnt}}, []string{"headers (w3c)"}},
		{"API Gateway v1 multi-value header", events.APIGatewayProxyRequest{HTTPMethod: "GET",
			MultiValueHeaders: map[string][]string{"X-Datadog-Trace-Id": {"81985529216486895"}, "X-Datadog-Parent-Id": {"67667974448284343"},
				"X-Datadog-Tags": {"_dd.p.tid=6758a1b2c3d4e5f6"}}}, []string{"headers (datadog)"}},
		{"API Gateway v2", &events.APIGatewayV2HTTPRequest{Headers: map[string]string{"traceparent": traceparnt}}, []string{"headers (w3c)"}},
		{"ALB", events.ALBTargetGroupRequest{Headers: map[string]string{"x-datadog-trace-id": "81985529216486895",
			"x-datadog-parent-id": "67667974448284343", "x-datadog-tags": "_dd.p.tid=6758a1b2c3d4e5f6"}}, []string{"headers (datadog)"}},
		{"Function URL", events.LambdaFunctionURLRequest{Headers: map[string]string{"x-amzn-trace-id": xrayHeader}}, []string{"headers (xray)"}},
		{"SQS batch", events.SQSEvent{Records: []events.SQSMessage{
			{MessageId: "1", MessageAttributes: map[string]events.SQSMessageAttribute{"traceparent": {DataType: "String", StringValue: str(traceparnt)}}},
			{MessageId: "2", MessageAttributes: map[string]events.SQSMessageAttribute{"_datadog": {DataType: "String", StringValue: str(ddCarrier)}}},
			{MessageId: "3", MessageAttributes: map[string]events.SQSMessageAttribute{"_datadog": {DataType: "Binary", BinaryValue: []byte(ddCarrierW3C)}}},
			{MessageId: "4", Body: snsEnvelope(`{"_datadog":{"Type":"Binary","Value":"` + b64 + `"}}`)},
			{MessageId: "5", Body: `{"version":"0","detail-type":"OrderChanged","source":"shop","detail":{"id":1,"_datadog":` + ddCarrier + `}}`},
			{MessageId: "6", Attributes: map[string]string{"AWSTraceHeader": xrayHeader}},
			{MessageId: "7", Body: `{"detail-type":"x","detail":{"_datadog":"not an object"}}`},
			{MessageId: "8", Attributes: map[string]string{"AWSTraceHeader": "Root=garbage"}},
		}}, []string{"messageAttributes (w3c)", "messageAttributes._datadog (datadog)", "messageAttributes._datadog (w3c)",
			"body.MessageAttributes._datadog (datadog)", "body.detail._datadog (datadog)", "attributes.AWSTraceHeader (xray)"}},
		{"SNS String and Binary", events.SNSEvent{Records: []events.SNSEventRecord{
			{SNS: events.SNSEntity{MessageID: "1", MessageAttributes: map[string]any{"traceparent": map[string]any{"Type": "String", "Value": traceparnt}}}},
			{SNS: events.SNSEntity{MessageID: "2", MessageAttributes: map[string]any{"_datadog": map[string]any{"Type": "Binary", "Value": b64}}}},
			{SNS: events.SNSEntity{MessageID: "3", MessageAttributes: map[string]any{"_datadog": map[string]any{"Type": "String", "Value": ddCarrier}}}},
			{SNS: events.SNSEntity{MessageID: "4", Message: `{"detail-type":"x","detail":{"_datadog":` + ddCarrier + `}}`}},
			{SNS: events.SNSEntity{MessageID: "5", MessageAttributes: map[string]any{"_datadog": map[string]any{"Type": "Binary", "Value": "%%%"}}}},
		}}, []string{"Sns.MessageAttributes (w3c)", "Sns.MessageAttributes._datadog (datadog)", "Sns.MessageAttributes._datadog (datadog)",
			"Sns.Message.detail._datadog (datadog)"}},
		{"EventBridge detail", events.EventBridgeEvent{DetailType: "OrderChanged", Detail: json.RawMessage(`{"_datadog":` + ddCarrier + `}`)},
			[]string{"detail._datadog (datadog)"}},
		{"Kinesis", events.KinesisEvent{Records: []events.KinesisEventRecord{
			{Kinesis: events.KinesisRecord{SequenceNumber: "1", Data: []byte(` {"order":1,"_datadog":` + ddCarrier + `}`)}},
			{Kinesis: events.KinesisRecord{SequenceNumber: "2", Data: []byte(`not json`)}},
		}}, []string{"kinesis.data._datadog (datadog)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := lambdatrace.BuiltinRequest(tt.event)
			if !ok {
				t.Fatal("not recognised")
			}
			checkContexts(t, r, tt.carriers)
		})
	}
}

// checkContexts asserts r's Parent, Carrier and links against the carriers
// expected, all holding the IDs of wantTrace/wantSpan.
func checkContexts(t *testing.T, r lambdatrace.Request, carriers []string) {
	t.Helper()
	if r.Carrier != nil { // HTTP: the policy reads the carrier
		if len(r.Links) != 0 || len(carriers) != 1 {
			t.Fatalf("links %v for an HTTP event", r.Links)
		}
		return
	}
	if len(r.Links) != len(carriers) {
		t.Fatalf("%d links, want %d: %v", len(r.Links), len(carriers), r.Links)
	}
	if len(carriers) > 0 && !r.Parent.Equal(r.Links[0].SpanContext) {
		t.Errorf("Parent %v is not the first record's", r.Parent)
	}
	for i, l := range r.Links {
		checkIDs(t, l.SpanContext)
		got := ""
		for _, a := range l.Attributes {
			if a.Key == metadata.PropagationCarrierKey {
				got = a.Value.AsString()
			}
		}
		if got != carriers[i] {
			t.Errorf("link %d carrier %q, want %q", i, got, carriers[i])
		}
	}
}

func checkIDs(t *testing.T, sc trace.SpanContext) {
	t.Helper()
	if sc.TraceID().String() != wantTrace || sc.SpanID().String() != wantSpan || !sc.IsSampled() || !sc.IsRemote() {
		t.Errorf("context %s/%s sampled=%v remote=%v, want %s/%s", sc.TraceID(), sc.SpanID(), sc.IsSampled(), sc.IsRemote(), wantTrace, wantSpan)
	}
}

func TestRawEvents(t *testing.T) {
	sqsJSON := `{"Records":[{"messageId":"1","eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:1:order-changes",` +
		`"messageAttributes":{"_datadog":{"dataType":"Binary","binaryValue":"` + base64.StdEncoding.EncodeToString([]byte(ddCarrier)) + `"}}}]}`
	tests := []struct {
		name     string
		event    any
		trigger  string
		carriers []string
	}{
		{"SQS as json.RawMessage", json.RawMessage(sqsJSON), lambdatrace.TriggerPubSub, []string{"messageAttributes._datadog (datadog)"}},
		{"SNS as []byte", []byte(`{"Records":[{"EventSource":"aws:sns","Sns":{"MessageId":"1","MessageAttributes":` +
			`{"traceparent":{"Type":"String","Value":"` + traceparnt + `"}}}}]}`), lambdatrace.TriggerPubSub, []string{"Sns.MessageAttributes (w3c)"}},
		{"HTTP API as map", map[string]any{"version": "2.0", "routeKey": "GET /orders", "headers": map[string]any{"traceparent": traceparnt},
			"requestContext": map[string]any{"domainName": "abc.execute-api.eu-west-1.amazonaws.com", "http": map[string]any{"method": "GET"}}},
			lambdatrace.TriggerHTTP, []string{"headers (w3c)"}},
		{"EventBridge as map", map[string]any{"detail-type": "x", "source": "shop", "detail": map[string]any{"_datadog": json.RawMessage(ddCarrier)}},
			lambdatrace.TriggerPubSub, []string{"detail._datadog (datadog)"}},
		{"Step Functions input as map", map[string]any{"order": 1, "_datadog": json.RawMessage(ddCarrier)}, lambdatrace.TriggerOther, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, ok := lambdatrace.BuiltinRequest(tt.event)
			if !ok || r.Trigger != tt.trigger {
				t.Fatalf("ok=%v trigger %q, want %q", ok, r.Trigger, tt.trigger)
			}
			if tt.carriers == nil {
				checkIDs(t, r.Parent)
				return
			}
			checkContexts(t, r, tt.carriers)
		})
	}
	for _, e := range []any{json.RawMessage(`[1]`), []byte(`{"hello":1}`), map[string]any{"a": 1}, json.RawMessage(nil), map[string]any(nil)} {
		if _, ok := lambdatrace.BuiltinRequest(e); ok {
			t.Errorf("%v recognised", e)
		}
	}
}

// Hostile raw events never panic.
func FuzzRawEvent(f *testing.F) {
	f.Add([]byte(`{"Records":[{"eventSource":"aws:sqs","body":"{\"Type\":\"Notification\",\"TopicArn\":\"x\",\"MessageAttributes\":{\"_datadog\":{\"Type\":\"Binary\",\"Value\":\"e30=\"}}}"}]}`))
	f.Add([]byte(`{"detail-type":"x","detail":{"_datadog":{"x-datadog-trace-id":"18446744073709551616","x-datadog-parent-id":"1"}}}`))
	f.Add([]byte(`{"Records":[{"EventSource":"aws:sns","Sns":{"MessageAttributes":{"_datadog":{"Type":"String","Value":"{\"x-datadog-tags\":\"\xff\"}"}}}}]}`))
	f.Add([]byte(`{"_datadog":{"traceparent":"00-` + wantTrace + `-` + wantSpan + `-01"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		r, _ := lambdatrace.BuiltinRequest(json.RawMessage(b))
		for _, l := range r.Links {
			if !l.SpanContext.IsValid() {
				t.Fatalf("invalid link from %q", b)
			}
		}
	})
}
