package lambdatest

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/xrayheader"
	"github.com/otelxray/otelxray/propagation/ddprop"
)

// The ARNs of the event helpers' sources.
const (
	QueueARN = "arn:aws:sqs:" + DefaultRegion + ":" + DefaultAccount + ":test-queue"
	TopicARN = "arn:aws:sns:" + DefaultRegion + ":" + DefaultAccount + ":test-topic"
)

// SpanContext returns the context a message the invocation sent would
// carry: its invocation span's (the function segment's child in X-Ray),
// else the header's parent. Pass it to SQSEvent, SNSEvent or
// EventBridgeEvent to build the event a consumer receives.
func (inv *Invocation) SpanContext() trace.SpanContext {
	tid, err := trace.TraceIDFromHex(xrayHex(inv.TraceID))
	if err != nil {
		return trace.SpanContext{}
	}
	_, parent, _ := xrayheader.Fields(inv.Header)
	id := parent
	for _, s := range inv.spans() {
		if s.ParentID == parent && s.Kind == "subsegment" {
			id = s.ID
			break
		}
	}
	sid, err := trace.SpanIDFromHex(id)
	if err != nil {
		return trace.SpanContext{}
	}
	var flags trace.TraceFlags
	if inv.Sampled {
		flags = trace.FlagsSampled
	}
	return trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: flags, Remote: true})
}

// xrayHex turns 1-xxxxxxxx-yyyy... into the 32 hex digits.
func xrayHex(id string) string {
	if len(id) != 35 || id[0] != '1' || id[1] != '-' || id[10] != '-' {
		return ""
	}
	return id[2:10] + id[11:]
}

// xrayTraceHeader writes sc as an AWSTraceHeader value.
func xrayTraceHeader(sc trace.SpanContext) string {
	h := sc.TraceID().String()
	s := "0"
	if sc.IsSampled() {
		s = "1"
	}
	return fmt.Sprintf("Root=1-%s-%s;Parent=%s;Sampled=%s", h[:8], h[8:], sc.SpanID(), s)
}

// carrier writes sc in every dialect lambdatrace reads (W3C traceparent,
// x-datadog-*, X-Amzn-Trace-Id).
func carrier(sc trace.SpanContext) propagation.MapCarrier {
	c := propagation.MapCarrier{}
	ctx := trace.ContextWithRemoteSpanContext(context.Background(), sc)
	for _, p := range ddprop.Dialects() {
		p.Inject(ctx, c)
	}
	return c
}

// SQSEvent is an SQS event with one message per body, each carrying sc as
// SQS does for a traced producer: the AWSTraceHeader system attribute. The
// messages come from [QueueARN]; change the returned value as you need.
func SQSEvent(sc trace.SpanContext, bodies ...string) events.SQSEvent {
	var e events.SQSEvent
	for i, body := range bodies {
		e.Records = append(e.Records, events.SQSMessage{
			MessageId: fmt.Sprintf("059f36b4-87a3-44ab-83d2-%012d", i+1), ReceiptHandle: fmt.Sprintf("AQEB-%d", i+1),
			Body: body, EventSource: "aws:sqs", EventSourceARN: QueueARN, AWSRegion: DefaultRegion,
			Attributes: map[string]string{"AWSTraceHeader": xrayTraceHeader(sc), "ApproximateReceiveCount": "1",
				"SentTimestamp": "1767225600000", "SenderId": DefaultAccount},
			MessageAttributes: map[string]events.SQSMessageAttribute{},
		})
	}
	return e
}

// SNSEvent is an SNS event with one notification from [TopicARN] whose
// message attributes carry sc (traceparent and _datadog), as an
// instrumented publisher sends them.
func SNSEvent(sc trace.SpanContext, message string) events.SNSEvent {
	c := carrier(sc)
	dd, _ := json.Marshal(c)
	return events.SNSEvent{Records: []events.SNSEventRecord{{
		EventSource: "aws:sns", EventVersion: "1.0",
		EventSubscriptionArn: TopicARN + ":2b1c4d6e-0000-4000-8000-000000000001",
		SNS: events.SNSEntity{
			Type: "Notification", MessageID: "95df01b4-ee98-5cb9-9903-4c221d41eb5e", TopicArn: TopicARN,
			Message: message, Timestamp: time.Unix(1767225600, 0).UTC(),
			MessageAttributes: map[string]any{
				"traceparent": map[string]any{"Type": "String", "Value": c.Get("traceparent")},
				"_datadog":    map[string]any{"Type": "String", "Value": string(dd)},
			},
		},
	}}}
}

// EventBridgeEvent is an EventBridge event of detailType from source
// "lambdatest", whose detail (detail encoded as a JSON object) carries sc
// in detail._datadog, as Datadog's tracers put it there. It fails only when
// detail does not encode as a JSON object.
func EventBridgeEvent(sc trace.SpanContext, detailType string, detail any) (events.EventBridgeEvent, error) {
	b, err := json.Marshal(detail)
	if err != nil {
		return events.EventBridgeEvent{}, fmt.Errorf("lambdatest: encoding the detail: %w", err)
	}
	var m map[string]json.RawMessage
	if err := json.Unmarshal(b, &m); err != nil || m == nil {
		return events.EventBridgeEvent{}, fmt.Errorf("lambdatest: the detail (%T) is not a JSON object", detail)
	}
	dd, _ := json.Marshal(carrier(sc))
	m["_datadog"] = dd
	b, _ = json.Marshal(m)
	return events.EventBridgeEvent{
		Version: "0", ID: "6a7e8feb-b491-4cf7-a9f1-bf3703467718", DetailType: detailType, Source: "lambdatest",
		AccountID: DefaultAccount, Time: time.Unix(1767225600, 0).UTC(), Region: DefaultRegion,
		Resources: []string{}, Detail: b,
	}, nil
}
