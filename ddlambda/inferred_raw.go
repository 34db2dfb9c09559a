package ddlambda

import (
	"encoding/json"
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// rawShape is the few fields that tell the event sources apart in an
// event the handler takes as raw JSON or a map.
type rawShape struct {
	Records []struct {
		EventSource string `json:"eventSource"` // also matches SNS's EventSource
	} `json:"Records"`
	HTTPMethod     string  `json:"httpMethod"`
	Resource       *string `json:"resource"`
	RouteKey       *string `json:"routeKey"`
	RequestContext struct {
		ELB          json.RawMessage `json:"elb"`
		DomainName   string          `json:"domainName"`
		ConnectionID string          `json:"connectionId"`
	} `json:"requestContext"`
	DetailType *string `json:"detail-type"`
}

// inferRaw reads raw JSON as the event source its shape says it is.
func inferRaw(b []byte, o inferOptions) []inferred {
	if len(b) == 0 || len(b) > maxEvent {
		return nil
	}
	var s rawShape
	if json.Unmarshal(b, &s) != nil {
		return nil
	}
	switch {
	case len(s.Records) > 0:
		return rawRecords(b, s.Records[0].EventSource, o)
	case s.RequestContext.ELB != nil:
		return nil // no inferred span for ALB
	case s.RequestContext.ConnectionID != "":
		return decode(b, o, websocket)
	case s.HTTPMethod != "" && s.Resource != nil:
		return decode(b, o, restAPI)
	case s.RouteKey != nil && strings.Contains(s.RequestContext.DomainName, ".lambda-url."):
		return decode(b, o, functionURL)
	case s.RouteKey != nil:
		return decode(b, o, httpAPI)
	case s.DetailType != nil:
		if w, ok := eventBridgeIn(string(b), o); ok {
			return one(w)
		}
	}
	return nil
}

func rawRecords(b []byte, source string, o inferOptions) []inferred {
	switch source {
	case "aws:sqs":
		var e events.SQSEvent
		if json.Unmarshal(b, &e) == nil {
			return sqsSpans(&e, o)
		}
	case "aws:sns":
		var e events.SNSEvent
		if json.Unmarshal(b, &e) == nil {
			return snsSpans(&e, o)
		}
	case "aws:kinesis":
		var e events.KinesisEvent
		if json.Unmarshal(b, &e) == nil {
			return guard(first(e.Records), o, kinesis)
		}
	case "aws:dynamodb":
		var e events.DynamoDBEvent
		if json.Unmarshal(b, &e) == nil {
			return guard(first(e.Records), o, dynamoDB)
		}
	case "aws:s3":
		var e events.S3Event
		if json.Unmarshal(b, &e) == nil {
			return guard(first(e.Records), o, s3)
		}
	}
	return nil
}

// decode decodes b into the aws-lambda-go event type f reads.
func decode[T any](b []byte, o inferOptions, f func(*T, inferOptions) inferred) []inferred {
	var e T
	if json.Unmarshal(b, &e) != nil {
		return nil
	}
	return one(f(&e, o))
}
