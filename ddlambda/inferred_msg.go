package ddlambda

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// sqsSpans is the queue's span, after the SNS topic or EventBridge bus
// that delivered the message when its body is their envelope.
func sqsSpans(e *events.SQSEvent, o inferOptions) []inferred {
	m := first(e.Records)
	if m == nil {
		return nil
	}
	queue := lastPart(m.EventSourceARN, ':')
	var sent time.Time
	if ms, err := strconv.ParseInt(m.Attributes["SentTimestamp"], 10, 64); err == nil {
		sent = unixMilli(ms)
	}
	s := inferred{
		Name: "aws.sqs", Resource: queue, Type: "web", Start: sent, Async: true,
		Service: service(o, queue, "lambda_sqs", queue, "sqs"),
		Tags: tags("operation_name", "aws.sqs", "receipt_handle", m.ReceiptHandle,
			"retry_count", m.Attributes["ApproximateReceiveCount"], "sender_id", m.Attributes["SenderId"],
			"source_arn", m.EventSourceARN, "aws_region", m.AWSRegion),
	}
	if w, source, ok := envelope(m.Body, o); ok {
		s.Tags["function_trigger.event_source"] = source
		return []inferred{w, s}
	}
	return one(s)
}

// snsSpans is the topic's span, after the EventBridge bus that published
// the message when it is an EventBridge event.
func snsSpans(e *events.SNSEvent, o inferOptions) []inferred {
	r := first(e.Records)
	if r == nil {
		return nil
	}
	s := snsSpan(&r.SNS, r.EventSubscriptionArn, o)
	if w, ok := eventBridgeIn(r.SNS.Message, o); ok {
		s.Tags["function_trigger.event_source"] = "eventbridge"
		return []inferred{w, s}
	}
	return one(s)
}

func snsSpan(n *events.SNSEntity, subscription string, o inferOptions) inferred {
	topic := lastPart(n.TopicArn, ':')
	return inferred{
		Name: "aws.sns", Resource: topic, Type: "web", Start: n.Timestamp, Async: true,
		Service: service(o, topic, "lambda_sns", topic, "sns"),
		Tags: tags("operation_name", "aws.sns", "topicname", topic, "topic_arn", n.TopicArn,
			"message_id", n.MessageID, "type", n.Type, "subject", n.Subject,
			"event_subscription_arn", subscription),
	}
}

// envelope reads an SQS body that SNS (without raw delivery) or
// EventBridge wrote: the wrapper's span and the source it names.
func envelope(body string, o inferOptions) (inferred, string, bool) {
	b, ok := trimJSON(body)
	if !ok || !strings.Contains(b, `"TopicArn"`) {
		w, ok := eventBridgeIn(body, o)
		return w, "eventbridge", ok
	}
	var n events.SNSEntity
	if json.Unmarshal([]byte(b), &n) != nil || n.Type != "Notification" || n.TopicArn == "" {
		return inferred{}, "", false
	}
	w := snsSpan(&n, "", o)
	w.Async = true
	return w, "sns", true
}

// eventBridgeIn reads an EventBridge event carried in a message.
func eventBridgeIn(s string, o inferOptions) (inferred, bool) {
	b, ok := trimJSON(s)
	if !ok || !strings.Contains(b, `"detail-type"`) {
		return inferred{}, false
	}
	var e struct {
		events.EventBridgeEvent
		Time json.RawMessage `json:"time"` // a bad time must not hide the event
	}
	if json.Unmarshal([]byte(b), &e) != nil || e.Source == "" {
		return inferred{}, false
	}
	_ = json.Unmarshal(e.Time, &e.EventBridgeEvent.Time)
	return eventBridge(&e.EventBridgeEvent, o), true
}

// trimJSON is s without leading space when it may be a JSON object of
// bounded size; it copies nothing, so a plain message body costs no
// allocation.
func trimJSON(s string) (string, bool) {
	s = strings.TrimLeft(s, " \t\r\n")
	return s, len(s) > 0 && s[0] == '{' && len(s) <= maxEvent
}

// eventBridge is an EventBridge event: the bus as x-datadog-resource-name
// in detail._datadog names it (dd-trace-go's PutEvents writes it), else the
// event's source; the start is x-datadog-start-time (Unix ms) or the event's
// time (to the second).
func eventBridge(e *events.EventBridgeEvent, o inferOptions) inferred {
	res, start := e.Source, e.Time
	if dd := datadogDetail(e.Detail); dd != nil {
		if v := dd["x-datadog-resource-name"]; v != "" {
			res = v
		}
		if ms, err := strconv.ParseFloat(dd["x-datadog-start-time"], 64); err == nil && ms == ms {
			if t := unixMilli(int64(min(max(ms, 0), 1e15))); !t.IsZero() {
				start = t
			}
		}
	}
	return inferred{
		Name: "aws.eventbridge", Resource: res, Type: "web", Start: start, Async: true,
		Service: service(o, res, "lambda_eventbridge", res, "eventbridge"),
		Tags:    tags("operation_name", "aws.eventbridge", "detail_type", e.DetailType),
	}
}

// datadogDetail is the string members of detail._datadog.
func datadogDetail(detail []byte) map[string]string {
	if len(detail) > maxEvent || !bytes.Contains(detail, []byte(`"_datadog"`)) {
		return nil
	}
	var d struct {
		Datadog map[string]any `json:"_datadog"`
	}
	if json.Unmarshal(detail, &d) != nil || d.Datadog == nil {
		return nil
	}
	out := make(map[string]string, 2)
	for _, k := range []string{"x-datadog-resource-name", "x-datadog-start-time"} {
		switch v := d.Datadog[k].(type) {
		case string:
			out[k] = v
		case float64:
			out[k] = strconv.FormatFloat(v, 'f', -1, 64)
		}
	}
	return out
}

func kinesis(r *events.KinesisEventRecord, o inferOptions) inferred {
	stream := lastPart(r.EventSourceArn, '/')
	shard, _, _ := strings.Cut(r.EventID, ":")
	return inferred{
		Name: "aws.kinesis", Resource: stream, Type: "web", Start: r.Kinesis.ApproximateArrivalTimestamp.Time, Async: true,
		Service: service(o, stream, "lambda_kinesis", stream, "kinesis"),
		Tags: tags("operation_name", "aws.kinesis", "stream_name", stream, "shard_id", shard,
			"event_source_arn", r.EventSourceArn, "event_id", r.EventID, "event_name", r.EventName,
			"event_version", r.EventVersion, "partition_key", r.Kinesis.PartitionKey),
	}
}

func dynamoDB(r *events.DynamoDBEventRecord, o inferOptions) inferred {
	table := ""
	if parts := strings.SplitN(r.EventSourceArn, "/", 3); len(parts) > 1 {
		table = parts[1] // arn:...:table/<name>/stream/<label>
	}
	return inferred{
		Name: "aws.dynamodb", Resource: r.EventName + " " + table, Type: "web",
		Start: r.Change.ApproximateCreationDateTime.Time, Async: true,
		Service: service(o, table, "lambda_dynamodb", table, "dynamodb"),
		Tags: tags("operation_name", "aws.dynamodb", "event_id", r.EventID, "event_name", r.EventName,
			"event_version", r.EventVersion, "event_source_arn", r.EventSourceArn,
			"size_bytes", strconv.FormatInt(r.Change.SizeBytes, 10), "stream_view_type", r.Change.StreamViewType,
			"table_name", table),
	}
}

func s3(r *events.S3EventRecord, o inferOptions) inferred {
	bucket := r.S3.Bucket.Name
	return inferred{
		Name: "aws.s3", Resource: bucket, Type: "web", Start: r.EventTime, Async: true,
		Service: service(o, bucket, "lambda_s3", bucket, "s3"),
		Tags: tags("operation_name", "aws.s3", "event_name", r.EventName, "bucketname", bucket,
			"bucket_arn", r.S3.Bucket.Arn, "object_key", r.S3.Object.Key,
			"object_size", strconv.FormatInt(r.S3.Object.Size, 10), "object_etag", r.S3.Object.ETag),
	}
}
