package lambdatrace

import (
	"encoding/json"
	"strings"
)

// maxRawEvent bounds the raw events read for their shape: Lambda's
// synchronous payload limit.
const maxRawEvent = 6 << 20

// rawShape is the few fields that tell the built-in event sources apart.
type rawShape struct {
	Records []struct {
		EventSource string `json:"eventSource"` // also matches SNS's EventSource
	} `json:"Records"`
	HTTPMethod     string  `json:"httpMethod"`
	Resource       *string `json:"resource"`
	RouteKey       *string `json:"routeKey"`
	RequestContext struct {
		ELB        json.RawMessage `json:"elb"`
		DomainName string          `json:"domainName"`
	} `json:"requestContext"`
	DetailType *string         `json:"detail-type"`
	Datadog    json.RawMessage `json:"_datadog"`
}

// rawRequest reads a json.RawMessage, []byte or map[string]any event as
// the built-in event source its shape says it is. The handler's value is
// never changed: the bytes are decoded here for the wrapper alone (a map is
// encoded to JSON first).
func rawRequest(event any) (Request, bool) {
	var b []byte
	switch e := event.(type) {
	case json.RawMessage:
		b = e
	case []byte:
		b = e
	case map[string]any:
		if e == nil {
			return Request{}, false
		}
		var err error
		if b, err = json.Marshal(e); err != nil {
			return Request{}, false
		}
	}
	if len(b) == 0 || len(b) > maxRawEvent {
		return Request{}, false
	}
	var s rawShape
	if json.Unmarshal(b, &s) != nil {
		return Request{}, false
	}
	switch {
	case len(s.Records) > 0:
		return rawRecords(b, s.Records[0].EventSource)
	case s.RequestContext.ELB != nil:
		return decodeAs(b, alb)
	case s.HTTPMethod != "" && s.Resource != nil:
		return decodeAs(b, apiGatewayV1)
	case s.RouteKey != nil && strings.Contains(s.RequestContext.DomainName, ".lambda-url."):
		return decodeAs(b, functionURL)
	case s.RouteKey != nil:
		return decodeAs(b, apiGatewayV2)
	case s.DetailType != nil:
		return decodeAs(b, eventBridge)
	case s.Datadog != nil:
		return stepFunctionsInput(b), true
	}
	return Request{}, false
}

func rawRecords(b []byte, source string) (Request, bool) {
	switch source {
	case "aws:sqs":
		return decodeAs(b, sqs)
	case "aws:sns":
		return decodeAs(b, sns)
	case "aws:kinesis":
		return decodeAs(b, kinesis)
	case "aws:dynamodb":
		return decodeAs(b, dynamoDB)
	case "aws:s3":
		return decodeAs(b, s3)
	}
	return Request{}, false
}

// decodeAs decodes b into the aws-lambda-go event type f reads.
func decodeAs[T any](b []byte, f func(*T) Request) (Request, bool) {
	var e T
	if json.Unmarshal(b, &e) != nil {
		return Request{}, false
	}
	return f(&e), true
}

// stepFunctionsInput reads the _datadog a Datadog-traced state machine
// puts in a Lambda task's input.
func stepFunctionsInput(b []byte) Request {
	r := Request{Trigger: TriggerOther}
	r.addRecord(detailContext(b, "input"), "")
	r.Links = nil // one context: Parent, linked by the policy
	return r
}
