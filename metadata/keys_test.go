package metadata_test

import (
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
	"github.com/otelxray/otelxray/segment"
)

// TestKeysReachDocument checks that the exporter maps every key of this
// package to the document field it is meant for.
func TestKeysReachDocument(t *testing.T) {
	m := metadata.AWS{
		TableName: "orders", QueueURL: "https://sqs.eu-west-1.amazonaws.com/123456789012/q", AccountID: "123456789012",
		TopicARN: "arn:aws:sns:eu-west-1:123456789012:t", FunctionName: "f", BucketName: "b", KeyName: "k",
		IndexName: "i", StreamName: "s", StateMachineARN: "arn:sm", EventBusName: "bus", SecretID: "sec",
		Params:      []attribute.KeyValue{attribute.Int("item_count", 3)},
		Annotations: []attribute.KeyValue{attribute.String("tenant.id", "acme")},
	}
	attrs := append(m.Attributes(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"),
		attribute.String("rpc.method", "GetItem"), metadata.RegionKey.String("eu-west-1"),
		metadata.RequestIDKey.String("REQ"), metadata.RetriesKey.Int(2), metadata.ThrottleKey.Bool(true))
	d := translate(t, attrs)

	a := d.AWS
	if a == nil {
		t.Fatal("no aws object")
	}
	got := map[string]string{
		"table_name": a.TableName, "queue_url": a.QueueURL, "account_id": a.AccountID,
		"region": a.Region, "request_id": a.RequestID, "operation": a.Operation,
	}
	for _, p := range a.Params {
		got[p.Key] = p.Value.String()
	}
	want := map[string]string{
		"table_name": "orders", "queue_url": m.QueueURL, "account_id": "123456789012", "region": "eu-west-1",
		"request_id": "REQ", "operation": "GetItem", "topic_arn": m.TopicARN, "function_name": "f",
		"bucket_name": "b", "key_name": "k", "index_name": "i", "stream_name": "s", "state_machine_arn": "arn:sm",
		"event_bus_name": "bus", "secret_id": "sec", "item_count": "3",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("aws.%s = %q, want %q", k, got[k], v)
		}
	}
	if a.Retries != 2 {
		t.Errorf("retries = %d, want 2", a.Retries)
	}
	if !d.Error || !d.Throttle || d.Fault {
		t.Errorf("error/throttle/fault = %v/%v/%v, want true/true/false", d.Error, d.Throttle, d.Fault)
	}
	if len(d.Annotations) != 1 || d.Annotations[0].Key != "tenant_id" || d.Annotations[0].Value.AsString() != "acme" {
		t.Errorf("annotations = %v, want tenant_id=acme", d.Annotations)
	}
	for _, ns := range d.Metadata {
		for _, e := range ns.Entries {
			if strings.HasPrefix(e.Key, "aws.") {
				t.Errorf("%s ended in metadata.%s, not in the aws object", e.Key, ns.Name)
			}
		}
	}

	if d := translate(t, append(metadata.AWS{TableNames: []string{"a", "b"}}.Attributes(),
		attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB"))); d.AWS == nil ||
		len(d.AWS.TableNames) != 2 {
		t.Errorf("TableNames did not reach table_names: %+v", d.AWS)
	}
}

func translate(t *testing.T, attrs []attribute.KeyValue) segment.Document {
	t.Helper()
	tid := trace.TraceID{0x57, 0x59, 0xe9, 0x88, 0xbd, 0x86, 0x2e, 0x3f, 0xe1, 0xbe, 0x46, 0xa9, 0x94, 0x27, 0x27, 0x93}
	start := time.Unix(1795255200, 0)
	s := tracetest.SpanStub{
		Name:        "DynamoDB.GetItem",
		SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled}),
		Parent:      trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{2}, TraceFlags: trace.FlagsSampled}),
		SpanKind:    trace.SpanKindClient,
		StartTime:   start,
		EndTime:     start.Add(time.Millisecond),
		Attributes:  attrs,
	}
	d, why := segment.NewTranslator(segment.Config{}).Translate(s.Snapshot())
	if why != segment.Keep {
		t.Fatalf("span dropped: %v", why)
	}
	return d
}

// TestSamplingRuleKeyInMetadata checks that the sampling rule stays in the
// default metadata namespace under its own key, where xraylocal reads it,
// also on an AWS call, whose other aws.* attributes become parameters.
func TestSamplingRuleKeyInMetadata(t *testing.T) {
	for _, tc := range []struct {
		name  string
		attrs []attribute.KeyValue
	}{
		{"plain span", nil},
		{"aws call", []attribute.KeyValue{attribute.String("rpc.system", "aws-api"), attribute.String("rpc.service", "DynamoDB")}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := translate(t, append(tc.attrs, metadata.SamplingRuleKey.String("checkout")))
			got := ""
			for _, ns := range d.Metadata {
				for _, e := range ns.Entries {
					if ns.Name == "default" && e.Key == string(metadata.SamplingRuleKey) {
						got = e.Value.AsString()
					}
				}
			}
			if got != "checkout" {
				t.Errorf("metadata.default[%q] = %q, want checkout; metadata %+v, aws %+v", metadata.SamplingRuleKey, got, d.Metadata, d.AWS)
			}
		})
	}
}
