package lambdatrace

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/propagation"
)

// The carriers the built-in event sources read, per record, first hit wins:
//   - SQS: the message attributes (traceparent/tracestate, x-datadog-*), the
//     _datadog attribute (String: JSON; Binary: the JSON bytes), an SNS
//     notification or an EventBridge event in the body, then the
//     AWSTraceHeader system attribute;
//   - SNS: the message attributes (String values), _datadog (String: JSON;
//     Binary: base64 of JSON), then an EventBridge event in the message;
//   - EventBridge: detail._datadog;
//   - Kinesis: _datadog in data that is a JSON object;
//   - a raw Step Functions input: its top-level _datadog.

// sqsRecordContext reads the producer's context of one SQS message.
func sqsRecordContext(m *events.SQSMessage) found {
	if f := fromCarrier(sqsAttributes(m.MessageAttributes), "messageAttributes"); f.valid() {
		return f
	}
	if a, ok := m.MessageAttributes["_datadog"]; ok {
		var c propagation.MapCarrier
		switch {
		case strings.HasPrefix(a.DataType, "String") && a.StringValue != nil:
			c = datadogJSON([]byte(*a.StringValue))
		case strings.HasPrefix(a.DataType, "Binary"):
			c = datadogJSON(a.BinaryValue)
		}
		if f := fromCarrier(c, "messageAttributes._datadog"); f.valid() {
			return f
		}
	}
	if f := envelopeContext(m.Body, "body"); f.valid() {
		return f
	}
	return fromXRayHeader(m.Attributes["AWSTraceHeader"], "attributes.AWSTraceHeader")
}

// sqsAttributes is a read-only carrier over String message attributes.
type sqsAttributes map[string]events.SQSMessageAttribute

func (a sqsAttributes) Get(key string) string {
	if v, ok := a[key]; ok && v.StringValue != nil && strings.HasPrefix(v.DataType, "String") {
		return *v.StringValue
	}
	return ""
}

func (sqsAttributes) Set(string, string) {}

func (a sqsAttributes) Keys() []string {
	keys := make([]string, 0, len(a))
	for k := range a {
		keys = append(keys, k)
	}
	return keys
}

// snsContext reads the context of an SNS message from its attributes
// ({"Type": ..., "Value": ...} objects), then from an EventBridge event in
// the message.
func snsContext(attrs map[string]any, message, where string) found {
	c := make(propagation.MapCarrier, len(attrs))
	var dd propagation.MapCarrier
	for k, v := range attrs {
		m, _ := v.(map[string]any)
		typ, _ := m["Type"].(string)
		val, _ := m["Value"].(string)
		switch {
		case k == "_datadog" && strings.HasPrefix(typ, "Binary"):
			dd = base64JSON(val)
		case k == "_datadog" && strings.HasPrefix(typ, "String"):
			dd = datadogJSON([]byte(val))
		case strings.HasPrefix(typ, "String"):
			c[k] = val
		}
	}
	if f := fromCarrier(c, where+".MessageAttributes"); f.valid() {
		return f
	}
	if f := fromCarrier(dd, where+".MessageAttributes._datadog"); f.valid() {
		return f
	}
	return envelopeContext(message, where+".Message")
}

// envelope is what the body of an SQS message or an SNS message holds when
// SNS (without raw delivery) or EventBridge delivered it.
type envelope struct {
	Type              string          `json:"Type"`
	TopicArn          string          `json:"TopicArn"`
	Message           string          `json:"Message"`
	MessageAttributes map[string]any  `json:"MessageAttributes"`
	DetailType        *string         `json:"detail-type"`
	Detail            json.RawMessage `json:"detail"`
}

// envelopeContext reads an SNS notification or an EventBridge event in s.
func envelopeContext(s, where string) found {
	b := bytes.TrimLeft([]byte(s), " \t\r\n")
	if len(b) == 0 || b[0] != '{' || !bytes.Contains(b, []byte(`"TopicArn"`)) && !bytes.Contains(b, []byte(`"detail-type"`)) {
		return found{}
	}
	var e envelope
	if json.Unmarshal(b, &e) != nil {
		return found{}
	}
	switch {
	case e.Type == "Notification" && e.TopicArn != "":
		return snsContext(e.MessageAttributes, e.Message, where)
	case e.DetailType != nil:
		return detailContext(e.Detail, where+".detail")
	}
	return found{}
}

// withDatadog is any JSON object with a _datadog member.
type withDatadog struct {
	Datadog json.RawMessage `json:"_datadog"`
}

// detailContext reads _datadog in a JSON object (EventBridge detail, Kinesis
// data, a Step Functions input).
func detailContext(b []byte, where string) found {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 || b[0] != '{' || !bytes.Contains(b, []byte(`"_datadog"`)) {
		return found{}
	}
	var w withDatadog
	if json.Unmarshal(b, &w) != nil {
		return found{}
	}
	return fromCarrier(datadogJSON(w.Datadog), where+"._datadog")
}
