package awslocal

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// topics are the SNS topics by name, with their subscriptions.
type topics struct {
	mu     sync.Mutex
	byName map[string]*topic
}

type topic struct {
	queues  []queueSubscription
	lambdas []lambdaSubscription
}

type queueSubscription struct {
	queue string
	raw   bool
}

type lambdaSubscription struct {
	arn    string
	invoke Invoker
}

func newTopics() *topics { return &topics{byName: map[string]*topic{}} }

// WithTopic creates an SNS topic; its ARN is [Server.TopicARN].
func WithTopic(name string) Option {
	return func(s *Server) {
		s.topics.mu.Lock()
		defer s.topics.mu.Unlock()
		s.topics.byName[name] = &topic{}
	}
}

// TopicARN returns the ARN of the topic name.
func (s *Server) TopicARN(name string) string {
	return "arn:aws:sns:" + Region + ":" + Account + ":" + name
}

// SubscribeQueue subscribes the queue to the topic. With raw (SNS's raw
// message delivery), the message body is the published message and its
// attributes become SQS message attributes; without it, the body is the SNS
// notification (a JSON envelope with the message and its attributes). As
// SNS does with active tracing, the Publish request's X-Amzn-Trace-Id
// becomes each message's AWSTraceHeader.
func (s *Server) SubscribeQueue(topicName, queue string, raw bool) error {
	return s.topics.subscribe(topicName, func(t *topic) { t.queues = append(t.queues, queueSubscription{queue, raw}) })
}

// SubscribeLambda subscribes a function (its ARN names the subscription) to
// the topic: each message is an asynchronous invocation with an
// events.SNSEvent of one record, continuing the Publish request's
// X-Amzn-Trace-Id, as SNS invokes Lambda.
func (s *Server) SubscribeLambda(topicName, functionARN string, invoke Invoker) error {
	return s.topics.subscribe(topicName, func(t *topic) { t.lambdas = append(t.lambdas, lambdaSubscription{functionARN, invoke}) })
}

func (ts *topics) subscribe(name string, add func(*topic)) error {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	t := ts.byName[name]
	if t == nil {
		return fmt.Errorf("awslocal: no topic %q: create it with WithTopic", name)
	}
	add(t)
	return nil
}

// snsAttribute is a published message attribute.
type snsAttribute struct{ typ, value string } // value: base64 for Binary

// publish serves SNS Publish (query protocol).
func (s *Server) publish(ctx context.Context, form url.Values, traceHeader string) (any, error) {
	arn := form.Get("TopicArn")
	name := arn[strings.LastIndex(arn, ":")+1:]
	s.topics.mu.Lock()
	t := s.topics.byName[name]
	var qsubs []queueSubscription
	var lsubs []lambdaSubscription
	if t != nil {
		qsubs, lsubs = append(qsubs, t.queues...), append(lsubs, t.lambdas...)
	}
	s.topics.mu.Unlock()
	if t == nil || arn != s.TopicARN(name) {
		return nil, &apiError{status: http.StatusNotFound, code: "NotFound", msg: "Topic does not exist"}
	}
	attrs := map[string]snsAttribute{}
	for n := 1; ; n++ {
		e := "MessageAttributes.entry." + strconv.Itoa(n) + "."
		k := form.Get(e + "Name")
		if k == "" {
			break
		}
		typ := form.Get(e + "Value.DataType")
		v := form.Get(e + "Value.StringValue")
		if strings.HasPrefix(typ, "Binary") {
			v = form.Get(e + "Value.BinaryValue")
		}
		attrs[k] = snsAttribute{typ, v}
	}
	if !validTraceHeader(traceHeader) {
		traceHeader = ""
	}
	id := requestID()
	note := notification(id, arn, form.Get("Subject"), form.Get("Message"), attrs)
	for _, sub := range qsubs {
		body, sqsAttrs := "", map[string]attributeJSON{}
		if sub.raw {
			body = form.Get("Message")
			for k, a := range attrs {
				v := attributeJSON{DataType: a.typ, StringValue: a.value}
				if strings.HasPrefix(a.typ, "Binary") {
					b, err := base64.StdEncoding.DecodeString(a.value)
					if err != nil {
						return nil, &apiError{status: http.StatusBadRequest, code: "InvalidParameterValue", msg: "attribute " + k + ": not base64"}
					}
					v = attributeJSON{DataType: a.typ, BinaryValue: b}
				}
				sqsAttrs[k] = v
			}
		} else {
			b, _ := json.Marshal(note)
			body = string(b)
		}
		if err := s.queues.deliver(sub.queue, body, traceHeader, sqsAttrs); err != nil {
			return nil, err
		}
	}
	for _, sub := range lsubs {
		event, _ := json.Marshal(events.SNSEvent{Records: []events.SNSEventRecord{{
			EventVersion: "1.0", EventSource: "aws:sns", EventSubscriptionArn: arn + ":" + requestID(), SNS: note}}})
		if !s.async.enqueue(ctx, sub.invoke, traceHeader, event) {
			return nil, &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailable", msg: "awslocal is closing"}
		}
	}
	return xmlResponse{XMLName: xml.Name{Local: "PublishResponse"}, Result: publishResult{MessageID: id}}, nil
}

// notification is the SNS message as subscribers get it.
func notification(id, arn, subject, message string, attrs map[string]snsAttribute) events.SNSEntity {
	m := map[string]any{}
	for k, a := range attrs {
		m[k] = map[string]any{"Type": a.typ, "Value": a.value}
	}
	return events.SNSEntity{
		Type: "Notification", MessageID: id, TopicArn: arn, Subject: subject, Message: message,
		Timestamp: time.Now().UTC(), SignatureVersion: "1", Signature: "EXAMPLE",
		SigningCertURL: "https://sns." + Region + ".amazonaws.com/SimpleNotificationService-example.pem",
		UnsubscribeURL: "https://sns." + Region + ".amazonaws.com/?Action=Unsubscribe", MessageAttributes: m,
	}
}

type publishResult struct {
	XMLName   xml.Name `xml:"PublishResult"`
	MessageID string   `xml:"MessageId"`
}

// xmlResponse is a query protocol response.
type xmlResponse struct {
	XMLName xml.Name
	Xmlns   string `xml:"xmlns,attr"`
	Result  any
	Meta    struct {
		RequestID string `xml:"RequestId"`
	} `xml:"ResponseMetadata"`
}

func writeXML(w http.ResponseWriter, v xmlResponse) {
	v.Xmlns = "http://sns.amazonaws.com/doc/2010-03-31/"
	v.Meta.RequestID = w.Header().Get("x-amzn-RequestId")
	v.XMLName.Space = ""
	b, err := xml.Marshal(v)
	if err != nil {
		writeXMLError(w, &apiError{status: http.StatusInternalServerError, code: "InternalFailure", msg: err.Error()})
		return
	}
	w.Header().Set("Content-Type", "text/xml")
	_, _ = w.Write(b)
}

func writeXMLError(w http.ResponseWriter, e *apiError) {
	type errorBody struct {
		XMLName xml.Name `xml:"ErrorResponse"`
		Error   struct {
			Type    string
			Code    string
			Message string
		}
		RequestID string `xml:"RequestId"`
	}
	var b errorBody
	b.Error.Type, b.Error.Code, b.Error.Message = "Sender", e.code, e.msg
	b.RequestID = w.Header().Get("x-amzn-RequestId")
	out, _ := xml.Marshal(b)
	w.Header().Set("Content-Type", "text/xml")
	w.WriteHeader(e.status)
	_, _ = w.Write(out)
}
