package awslocal

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"
)

// queues are the SQS queues by name. A message is removed when received.
type queues struct {
	mu     sync.Mutex
	byName map[string]*queue
	closed chan struct{} // closed by close: long polls return
}

type queue struct {
	messages []message
	arrived  chan struct{} // closed and replaced when a message arrives
}

type message struct {
	id, body string
	attrs    map[string]string // system attributes: AWSTraceHeader, SentTimestamp, ...
	// msgAttrs are the message attributes the sender set (traceparent,
	// _datadog, ...), as sent.
	msgAttrs map[string]json.RawMessage
}

// maxWait is the longest long poll SQS allows.
const maxWait = 20 * time.Second

func newQueues() *queues {
	return &queues{byName: map[string]*queue{}, closed: make(chan struct{})}
}

func (qs *queues) create(name string) {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	qs.byName[name] = &queue{arrived: make(chan struct{})}
}

func (qs *queues) close() {
	qs.mu.Lock()
	defer qs.mu.Unlock()
	select {
	case <-qs.closed:
	default:
		close(qs.closed)
	}
}

// lookup returns the queue a queue URL names; qs.mu must be held.
func (qs *queues) lookup(url string) (*queue, error) {
	name := url[strings.LastIndex(url, "/")+1:]
	if q := qs.byName[name]; q != nil {
		return q, nil
	}
	return nil, notFound("QueueDoesNotExist", "The specified queue does not exist: %s", url)
}

type attributeValue struct {
	DataType    string
	StringValue string
}

// sendMessage queues a message. As SQS does, a message without an
// AWSTraceHeader system attribute gets the request's X-Amzn-Trace-Id header
// (traceHeader) as one ("Amazon SQS and AWS X-Ray",
// https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sqs.html).
func (qs *queues) sendMessage(body []byte, traceHeader string) (any, error) {
	var in struct {
		QueueUrl                string
		MessageBody             string
		MessageAttributes       map[string]json.RawMessage
		MessageSystemAttributes map[string]attributeValue
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	m := message{id: requestID(), body: in.MessageBody, msgAttrs: in.MessageAttributes, attrs: map[string]string{
		"SentTimestamp":           strconv.FormatInt(time.Now().UnixMilli(), 10),
		"SenderId":                "AIDAEXAMPLE",
		"ApproximateReceiveCount": "1",
	}}
	if h, ok := in.MessageSystemAttributes["AWSTraceHeader"]; ok {
		m.attrs["AWSTraceHeader"] = h.StringValue
	} else if traceHeader != "" {
		m.attrs["AWSTraceHeader"] = traceHeader
	}
	qs.mu.Lock()
	defer qs.mu.Unlock()
	q, err := qs.lookup(in.QueueUrl)
	if err != nil {
		return nil, err
	}
	q.messages = append(q.messages, m)
	close(q.arrived)
	q.arrived = make(chan struct{})
	return struct {
		MessageId, MD5OfMessageBody string
	}{m.id, md5Hex(m.body)}, nil
}

type receivedMessage struct {
	MessageId, ReceiptHandle, MD5OfBody, Body string
	Attributes                                map[string]string          `json:",omitempty"`
	MessageAttributes                         map[string]json.RawMessage `json:",omitempty"`
}

func (qs *queues) receiveMessage(ctx context.Context, body []byte) (any, error) {
	var in struct {
		QueueUrl                    string
		MaxNumberOfMessages         int
		WaitTimeSeconds             int
		AttributeNames              []string
		MessageSystemAttributeNames []string
		MessageAttributeNames       []string
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	names := append(in.AttributeNames, in.MessageSystemAttributeNames...)
	limit := min(max(in.MaxNumberOfMessages, 1), 10)
	wait := time.NewTimer(min(time.Duration(in.WaitTimeSeconds)*time.Second, maxWait))
	defer wait.Stop()
	for {
		qs.mu.Lock()
		q, err := qs.lookup(in.QueueUrl)
		if err != nil {
			qs.mu.Unlock()
			return nil, err
		}
		n := min(limit, len(q.messages))
		taken := slices.Clone(q.messages[:n])
		q.messages = q.messages[n:]
		arrived := q.arrived
		qs.mu.Unlock()
		if n > 0 {
			return struct{ Messages []receivedMessage }{received(taken, names, in.MessageAttributeNames)}, nil
		}
		select {
		case <-arrived:
		case <-wait.C:
			return struct{ Messages []receivedMessage }{[]receivedMessage{}}, nil
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-qs.closed:
			return nil, notFound("QueueDoesNotExist", "awslocal is closing")
		}
	}
}

// received renders messages with the system and message attributes asked
// for (by name, or "All").
func received(ms []message, names, attrNames []string) []receivedMessage {
	out := make([]receivedMessage, 0, len(ms))
	for _, m := range ms {
		r := receivedMessage{MessageId: m.id, ReceiptHandle: "rh-" + m.id, MD5OfBody: md5Hex(m.body), Body: m.body}
		for k, v := range m.attrs {
			if slices.Contains(names, "All") || slices.Contains(names, k) {
				if r.Attributes == nil {
					r.Attributes = map[string]string{}
				}
				r.Attributes[k] = v
			}
		}
		for k, v := range m.msgAttrs {
			if slices.Contains(attrNames, "All") || slices.Contains(attrNames, k) {
				if r.MessageAttributes == nil {
					r.MessageAttributes = map[string]json.RawMessage{}
				}
				r.MessageAttributes[k] = v
			}
		}
		out = append(out, r)
	}
	return out
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}
