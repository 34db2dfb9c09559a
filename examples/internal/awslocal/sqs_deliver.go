package awslocal

import (
	"encoding/json"
	"strconv"
	"time"
)

// attributeJSON is an SQS message attribute as the JSON protocol carries
// it; encoding/json writes BinaryValue in base64, as SQS does.
type attributeJSON struct {
	DataType    string
	StringValue string `json:",omitempty"`
	BinaryValue []byte `json:",omitempty"`
}

// deliver queues a message that a service (SNS, EventBridge) sends to the
// queue name, with traceHeader as its AWSTraceHeader system attribute, as
// those services set it.
func (qs *queues) deliver(name, body, traceHeader string, msgAttrs map[string]attributeJSON) error {
	m := message{id: requestID(), body: body, attrs: map[string]string{
		"SentTimestamp":           strconv.FormatInt(time.Now().UnixMilli(), 10),
		"SenderId":                "AIDAEXAMPLE",
		"ApproximateReceiveCount": "1",
	}}
	if traceHeader != "" {
		m.attrs["AWSTraceHeader"] = traceHeader
	}
	if len(msgAttrs) > 0 {
		m.msgAttrs = map[string]json.RawMessage{}
		for k, v := range msgAttrs {
			b, err := json.Marshal(v)
			if err != nil {
				return err
			}
			m.msgAttrs[k] = b
		}
	}
	qs.mu.Lock()
	defer qs.mu.Unlock()
	q := qs.byName[name]
	if q == nil {
		return notFound("QueueDoesNotExist", "The specified queue does not exist: %s", name)
	}
	q.messages = append(q.messages, m)
	close(q.arrived)
	q.arrived = make(chan struct{})
	return nil
}
