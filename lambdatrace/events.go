package lambdatrace

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/attribute"
)

// Values of faas.trigger.
const (
	TriggerHTTP       = "http"
	TriggerPubSub     = "pubsub"
	TriggerDatasource = "datasource"
	TriggerTimer      = "timer"
	TriggerOther      = "other"
)

// extract reads the event with the user's extractors first, then the
// built-in ones.
func (w *wrapper) extract(event any) Request {
	for _, e := range w.cfg.extractors {
		if e.Request == nil {
			continue
		}
		if r, ok := e.Request(event); ok {
			return r
		}
	}
	r, _ := BuiltinRequest(event)
	return r
}

// response reads the handler's response the same way.
func (w *wrapper) response(resp any) Response {
	for _, e := range w.cfg.extractors {
		if e.Response != nil {
			if r := e.Response(resp); r.StatusCode > 0 {
				return r
			}
		}
	}
	return BuiltinResponse(resp)
}

// BuiltinRequest reads the events of aws-lambda-go's events package that the
// wrapper knows: API Gateway (REST and HTTP APIs), ALB, Function URLs, SQS,
// SNS, EventBridge, DynamoDB Streams, Kinesis and S3, as values or pointers,
// and the same events as json.RawMessage, []byte or map[string]any, known
// by their shape (a raw JSON object with _datadog is a Step Functions input).
func BuiltinRequest(event any) (Request, bool) {
	switch e := event.(type) {
	case events.APIGatewayProxyRequest:
		return apiGatewayV1(&e), true
	case *events.APIGatewayProxyRequest:
		return guard(e, apiGatewayV1)
	case events.APIGatewayV2HTTPRequest:
		return apiGatewayV2(&e), true
	case *events.APIGatewayV2HTTPRequest:
		return guard(e, apiGatewayV2)
	case events.ALBTargetGroupRequest:
		return alb(&e), true
	case *events.ALBTargetGroupRequest:
		return guard(e, alb)
	case events.LambdaFunctionURLRequest:
		return functionURL(&e), true
	case *events.LambdaFunctionURLRequest:
		return guard(e, functionURL)
	case events.SQSEvent:
		return sqs(&e), true
	case *events.SQSEvent:
		return guard(e, sqs)
	case events.SNSEvent:
		return sns(&e), true
	case *events.SNSEvent:
		return guard(e, sns)
	case events.EventBridgeEvent:
		return eventBridge(&e), true
	case *events.EventBridgeEvent:
		return guard(e, eventBridge)
	case events.DynamoDBEvent:
		return dynamoDB(&e), true
	case *events.DynamoDBEvent:
		return guard(e, dynamoDB)
	case events.KinesisEvent:
		return kinesis(&e), true
	case *events.KinesisEvent:
		return guard(e, kinesis)
	case events.S3Event:
		return s3(&e), true
	case *events.S3Event:
		return guard(e, s3)
	case json.RawMessage, []byte, map[string]any:
		return rawRequest(e)
	}
	return Request{}, false
}

// guard calls f with e unless e is a nil pointer.
func guard[T any](e *T, f func(*T) Request) (Request, bool) {
	if e == nil {
		return Request{}, false
	}
	return f(e), true
}

// BuiltinResponse reads the HTTP status of API Gateway, ALB and Function
// URL responses.
func BuiltinResponse(resp any) Response {
	switch r := resp.(type) {
	case events.APIGatewayProxyResponse:
		return Response{StatusCode: r.StatusCode}
	case *events.APIGatewayProxyResponse:
		if r != nil {
			return Response{StatusCode: r.StatusCode}
		}
	case events.APIGatewayV2HTTPResponse:
		return Response{StatusCode: r.StatusCode}
	case *events.APIGatewayV2HTTPResponse:
		if r != nil {
			return Response{StatusCode: r.StatusCode}
		}
	case events.ALBTargetGroupResponse:
		return Response{StatusCode: r.StatusCode}
	case *events.ALBTargetGroupResponse:
		if r != nil {
			return Response{StatusCode: r.StatusCode}
		}
	case events.LambdaFunctionURLResponse:
		return Response{StatusCode: r.StatusCode}
	case *events.LambdaFunctionURLResponse:
		if r != nil {
			return Response{StatusCode: r.StatusCode}
		}
	}
	return Response{}
}

// httpRequest builds the attributes shared by the HTTP event sources.
func httpRequest(method, route, path, query, host, userAgent, clientIP string) Request {
	r := Request{Trigger: TriggerHTTP}
	add := func(k, v string) {
		if v != "" {
			r.Attributes = append(r.Attributes, attribute.String(k, v))
		}
	}
	add("http.request.method", method)
	add("http.route", route)
	add("url.path", path)
	add("url.query", query)
	add("server.address", host)
	add("user_agent.original", userAgent)
	add("client.address", clientIP)
	if host != "" {
		add("url.scheme", "https")
	}
	if method != "" && route != "" {
		r.Name = method + " " + route
	}
	return r
}

func headerValue(h map[string]string, name string) string {
	if v, ok := h[name]; ok {
		return v
	}
	for k, v := range h {
		if strings.EqualFold(k, name) {
			return v
		}
	}
	return ""
}

func apiGatewayV1(e *events.APIGatewayProxyRequest) Request {
	// requestContext.path is what the client called, stage included
	// (/Prod/orders); e.Path is the path without the stage.
	r := httpRequest(e.HTTPMethod, e.Resource, firstOf(e.RequestContext.Path, e.Path), "", firstOf(e.RequestContext.DomainName, headerValue(e.Headers, "Host")),
		e.RequestContext.Identity.UserAgent, e.RequestContext.Identity.SourceIP)
	r.Carrier = headerCarrier{single: e.Headers, multi: e.MultiValueHeaders}
	return r
}

func apiGatewayV2(e *events.APIGatewayV2HTTPRequest) Request {
	route := e.RouteKey
	if _, after, ok := strings.Cut(route, " "); ok {
		route = after // "GET /orders/{id}" -> "/orders/{id}"
	}
	if route == "$default" {
		route = ""
	}
	h := e.RequestContext.HTTP
	r := httpRequest(h.Method, route, firstOf(e.RawPath, h.Path), e.RawQueryString, e.RequestContext.DomainName, h.UserAgent, h.SourceIP)
	r.Carrier = headerCarrier{single: e.Headers}
	return r
}

func alb(e *events.ALBTargetGroupRequest) Request {
	client, _, _ := strings.Cut(headerValue(e.Headers, "X-Forwarded-For"), ",")
	r := httpRequest(e.HTTPMethod, "", e.Path, "", headerValue(e.Headers, "Host"), headerValue(e.Headers, "User-Agent"), strings.TrimSpace(client))
	r.Carrier = headerCarrier{single: e.Headers, multi: e.MultiValueHeaders}
	return r
}

func functionURL(e *events.LambdaFunctionURLRequest) Request {
	h := e.RequestContext.HTTP
	r := httpRequest(h.Method, "", firstOf(e.RawPath, h.Path), e.RawQueryString, e.RequestContext.DomainName, h.UserAgent, h.SourceIP)
	r.Carrier = headerCarrier{single: e.Headers}
	return r
}

func firstOf(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}

// arnResource returns the last part of an ARN (a queue, stream or topic
// name); for DynamoDB and Kinesis stream ARNs, the table or stream name.
func arnResource(arn string) string {
	parts := strings.SplitN(arn, ":", 6)
	if len(parts) < 6 {
		return ""
	}
	res := parts[5]
	// table/orders/stream/2024-..., stream/orders
	if t, rest, ok := strings.Cut(res, "/"); ok && (t == "table" || t == "stream") {
		name, _, _ := strings.Cut(rest, "/")
		return name
	}
	return res
}

// sqs links the invocation to each message's producer (the carriers of
// events_context.go, the AWSTraceHeader system attribute last). X-Ray keeps 20 links per document: beyond that the
// exporter drops the rest and notes how many in metadata.otelxray.links_dropped.
func sqs(e *events.SQSEvent) Request {
	r := Request{Trigger: TriggerPubSub, Attributes: []attribute.KeyValue{
		attribute.String("messaging.system", "aws_sqs"),
		attribute.String("messaging.operation.type", "process"),
		attribute.Int("messaging.batch.message_count", len(e.Records)),
	}}
	if len(e.Records) > 0 {
		r.Attributes = append(r.Attributes, attribute.String("messaging.destination.name", arnResource(e.Records[0].EventSourceARN)))
	}
	for i := range e.Records {
		m := &e.Records[i]
		r.addRecord(sqsRecordContext(m), m.MessageId)
	}
	return r
}

func sns(e *events.SNSEvent) Request {
	r := Request{Trigger: TriggerPubSub, Attributes: []attribute.KeyValue{
		attribute.String("messaging.system", "aws_sns"),
		attribute.Int("messaging.batch.message_count", len(e.Records)),
	}}
	if len(e.Records) > 0 {
		r.Attributes = append(r.Attributes, attribute.String("messaging.destination.name", e.Records[0].SNS.TopicArn),
			attribute.String("messaging.message.id", e.Records[0].SNS.MessageID))
	}
	for i := range e.Records {
		m := &e.Records[i].SNS
		r.addRecord(snsContext(m.MessageAttributes, m.Message, "Sns"), m.MessageID)
	}
	return r
}

func eventBridge(e *events.EventBridgeEvent) Request {
	trigger := TriggerPubSub
	if e.DetailType == "Scheduled Event" {
		trigger = TriggerTimer
	}
	r := Request{Trigger: trigger, Attributes: []attribute.KeyValue{
		attribute.String("messaging.system", "aws_eventbridge"),
		attribute.String("aws.eventbridge.source", e.Source),
		attribute.String("aws.eventbridge.detail_type", e.DetailType),
		attribute.String("messaging.message.id", e.ID),
	}}
	r.addRecord(detailContext(e.Detail, "detail"), e.ID)
	return r
}

func dynamoDB(e *events.DynamoDBEvent) Request {
	r := Request{Trigger: TriggerDatasource, Attributes: []attribute.KeyValue{
		attribute.Int("messaging.batch.message_count", len(e.Records)),
	}}
	if len(e.Records) > 0 {
		rec := e.Records[0]
		r.Attributes = append(r.Attributes,
			attribute.String("faas.document.collection", arnResource(rec.EventSourceArn)),
			attribute.String("faas.document.operation", documentOperation(rec.EventName)))
	}
	return r
}

func kinesis(e *events.KinesisEvent) Request {
	r := Request{Trigger: TriggerPubSub, Attributes: []attribute.KeyValue{
		attribute.String("messaging.system", "aws_kinesis"),
		attribute.Int("messaging.batch.message_count", len(e.Records)),
	}}
	if len(e.Records) > 0 {
		r.Attributes = append(r.Attributes, attribute.String("messaging.destination.name", arnResource(e.Records[0].EventSourceArn)))
	}
	for i := range e.Records {
		k := &e.Records[i].Kinesis
		r.addRecord(detailContext(k.Data, "kinesis.data"), k.SequenceNumber)
	}
	return r
}

func s3(e *events.S3Event) Request {
	r := Request{Trigger: TriggerDatasource}
	if len(e.Records) > 0 {
		rec := e.Records[0]
		r.Attributes = append(r.Attributes,
			attribute.String("faas.document.collection", rec.S3.Bucket.Name),
			attribute.String("faas.document.name", rec.S3.Object.Key),
			attribute.String("faas.document.operation", documentOperation(rec.EventName)))
	}
	return r
}

// documentOperation maps stream and S3 event names to faas.document.operation.
func documentOperation(name string) string {
	switch {
	case name == "INSERT", strings.HasPrefix(name, "ObjectCreated"):
		return "insert"
	case name == "MODIFY":
		return "edit"
	case name == "REMOVE", strings.HasPrefix(name, "ObjectRemoved"):
		return "delete"
	}
	return name
}
