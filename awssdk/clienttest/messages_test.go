package clienttest

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	snstypes "github.com/aws/aws-sdk-go-v2/service/sns/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/lambdatrace"
)

const topicARN = "arn:aws:sns:eu-west-1:123456789012:order-events"

func sqsAttrs(n int) map[string]sqstypes.MessageAttributeValue {
	m := map[string]sqstypes.MessageAttributeValue{}
	for i := range n {
		m[fmt.Sprintf("a%d", i)] = sqstypes.MessageAttributeValue{DataType: aws.String("String"), StringValue: aws.String("v")}
	}
	return m
}

// TestMessageContext sends through the real clients, then hands what the
// fake services received to lambdatrace as the Lambda event a consumer gets:
// every message must link to the producer's call span, in the dialect
// asked for.
func TestMessageContext(t *testing.T) {
	tests := []struct {
		name     string
		datadog  bool
		send     func(ctx context.Context, cfg aws.Config) error
		event    func(t *testing.T, r request, onlyDatadog bool) []byte // the consumer's event
		links    int
		carriers []string // link carriers, by record
		skipped  bool
	}{
		{"SQS SendMessage: traceparent", false, func(ctx context.Context, cfg aws.Config) error {
			in := &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String("hi"), MessageAttributes: sqsAttrs(1)}
			_, err := sqs.NewFromConfig(cfg).SendMessage(ctx, in)
			if len(in.MessageAttributes) != 1 {
				t.Errorf("the caller's input was changed: %v", in.MessageAttributes)
			}
			return err
		}, sqsEvent, 1, []string{"messageAttributes (w3c)"}, false},
		{"SQS SendMessage: _datadog String", true, func(ctx context.Context, cfg aws.Config) error {
			_, err := sqs.NewFromConfig(cfg).SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String("hi")})
			return err
		}, sqsEvent, 1, []string{"messageAttributes._datadog (datadog)"}, false},
		{"SQS SendMessageBatch: every entry, none past 10", false, func(ctx context.Context, cfg aws.Config) error {
			_, err := sqs.NewFromConfig(cfg).SendMessageBatch(ctx, &sqs.SendMessageBatchInput{QueueUrl: aws.String(queueURL),
				Entries: []sqstypes.SendMessageBatchRequestEntry{
					{Id: aws.String("a"), MessageBody: aws.String("a")},
					{Id: aws.String("b"), MessageBody: aws.String("b"), MessageAttributes: sqsAttrs(10)},
					{Id: aws.String("c"), MessageBody: aws.String("c"), MessageAttributes: sqsAttrs(9)},
				}})
			return err
		}, sqsEvent, 2, []string{"messageAttributes (w3c)", "messageAttributes (w3c)"}, true},
		{"SNS Publish: _datadog Binary", true, func(ctx context.Context, cfg aws.Config) error {
			_, err := sns.NewFromConfig(cfg).Publish(ctx, &sns.PublishInput{TopicArn: aws.String(topicARN), Message: aws.String("hi"),
				MessageAttributes: map[string]snstypes.MessageAttributeValue{"k": {DataType: aws.String("String"), StringValue: aws.String("v")}}})
			return err
		}, snsEvent, 1, []string{"Sns.MessageAttributes._datadog (datadog)"}, false},
		{"SNS PublishBatch: every entry", false, func(ctx context.Context, cfg aws.Config) error {
			_, err := sns.NewFromConfig(cfg).PublishBatch(ctx, &sns.PublishBatchInput{TopicArn: aws.String(topicARN),
				PublishBatchRequestEntries: []snstypes.PublishBatchRequestEntry{{Id: aws.String("a"), Message: aws.String("a")},
					{Id: aws.String("b"), Message: aws.String("b")}}})
			return err
		}, snsEvent, 2, []string{"Sns.MessageAttributes (w3c)", "Sns.MessageAttributes (w3c)"}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var opts []awssdk.Option
			if tt.datadog {
				opts = append(opts, awssdk.WithDatadogCarrier())
			}
			h := newHarness(t, harnessOptions{opts: opts})
			o := h.run(1, func(ctx context.Context) error { return tt.send(ctx, h.cfg) })
			if o.err != nil {
				t.Fatal(o.err)
			}
			doc := o.call(t)
			wantTrace := strings.ReplaceAll(strings.TrimPrefix(doc["trace_id"].(string), "1-"), "-", "")
			r, ok := lambdatrace.BuiltinRequest(json.RawMessage(tt.event(t, h.aws.requests()[0], tt.datadog)))
			if !ok || len(r.Links) != tt.links {
				t.Fatalf("ok=%v, %d links, want %d: %v", ok, len(r.Links), tt.links, r.Links)
			}
			for i, l := range r.Links {
				if l.SpanContext.TraceID().String() != wantTrace || l.SpanContext.SpanID().String() != doc["id"] {
					t.Errorf("link %d to %s/%s, want the call %s/%s", i, l.SpanContext.TraceID(), l.SpanContext.SpanID(), wantTrace, doc["id"])
				}
				if got := l.Attributes[0].Value.AsString(); got != tt.carriers[i] {
					t.Errorf("link %d carrier %q, want %q", i, got, tt.carriers[i])
				}
			}
			var raw []byte
			for _, g := range o.all {
				raw = append(raw, g.Raw...)
			}
			if !bytes.Contains(raw, []byte("otelxray.propagation.injected")) {
				t.Errorf("the call's span does not say what it injected")
			}
			if got := bytes.Contains(raw, []byte("otelxray.propagation.skipped")); got != tt.skipped {
				t.Errorf("skipped on the span: %v, want %v", got, tt.skipped)
			}
		})
	}
}

// sqsEvent is the Lambda SQS event of the messages in a SendMessage or
// SendMessageBatch request. onlyDatadog drops the W3C attributes, as a
// consumer reading _datadog alone would see them.
func sqsEvent(t *testing.T, r request, onlyDatadog bool) []byte {
	t.Helper()
	type attr struct {
		DataType    string `json:"dataType"`
		StringValue string `json:"stringValue,omitempty"`
	}
	type msg struct {
		MessageAttributes map[string]struct{ DataType, StringValue string }
	}
	var body struct {
		msg
		Entries []msg
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	msgs := body.Entries
	if r.Op == "SendMessage" {
		msgs = []msg{body.msg}
	}
	var records []map[string]any
	for i, m := range msgs {
		attrs := map[string]attr{}
		for k, v := range m.MessageAttributes {
			if k == "_datadog" {
				v.StringValue = string(datadogKeysOnly(t, []byte(v.StringValue)))
			}
			if !onlyDatadog || k == "_datadog" {
				attrs[k] = attr{v.DataType, v.StringValue}
			}
		}
		records = append(records, map[string]any{"eventSource": "aws:sqs", "messageId": fmt.Sprint(i), "messageAttributes": attrs})
	}
	b, _ := json.Marshal(map[string]any{"Records": records})
	return b
}

// snsEvent is the Lambda SNS event of the messages of a Publish or
// PublishBatch request.
func snsEvent(t *testing.T, r request, onlyDatadog bool) []byte {
	t.Helper()
	var records []map[string]any
	for _, prefix := range []string{"", "PublishBatchRequestEntries.member.1.", "PublishBatchRequestEntries.member.2."} {
		if prefix == "" && r.Op != "Publish" || prefix != "" && r.Op != "PublishBatch" {
			continue
		}
		attrs := map[string]map[string]string{}
		for n := 1; ; n++ {
			e := fmt.Sprintf("%sMessageAttributes.entry.%d.", prefix, n)
			name := r.Form.Get(e + "Name")
			if name == "" {
				break
			}
			typ := r.Form.Get(e + "Value.DataType")
			val := r.Form.Get(e + "Value.StringValue")
			if typ == "Binary" {
				val = r.Form.Get(e + "Value.BinaryValue")
				b, err := base64.StdEncoding.DecodeString(val)
				if err != nil {
					t.Errorf("%s: %v", name, err)
				}
				val = base64.StdEncoding.EncodeToString(datadogKeysOnly(t, b))
			}
			if !onlyDatadog || name == "_datadog" {
				attrs[name] = map[string]string{"Type": typ, "Value": val}
			}
		}
		records = append(records, map[string]any{"EventSource": "aws:sns", "Sns": map[string]any{"MessageAttributes": attrs}})
	}
	b, _ := json.Marshal(map[string]any{"Records": records})
	return b
}

// datadogKeysOnly drops the W3C keys of a _datadog carrier, so that the
// consumer reads the Datadog keys (the 128-bit ID through _dd.p.tid).
func datadogKeysOnly(t *testing.T, b []byte) []byte {
	t.Helper()
	var m map[string]string
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatalf("_datadog %q: %v", b, err)
	}
	if m["traceparent"] == "" || m["x-datadog-trace-id"] == "" {
		t.Errorf("_datadog %q lacks a dialect", b)
	}
	delete(m, "traceparent")
	delete(m, "tracestate")
	out, _ := json.Marshal(m)
	return out
}
