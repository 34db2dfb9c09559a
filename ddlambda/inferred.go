package ddlambda

import (
	"encoding/json"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/aws/aws-lambda-go/events"

	"github.com/otelxray/otelxray/internal/scrub"
)

// inferred is a span of the upstream service, as the Datadog Lambda
// Extension infers it from the invocation's event: the API, queue, topic,
// bus, stream, table or bucket that invoked the function.
type inferred struct {
	Name     string `json:"name"`
	Resource string `json:"resource"`
	Service  string `json:"service"`
	Type     string `json:"type"`
	// Start is when the upstream service took the request or message;
	// zero when the event does not say (or says something impossible).
	Start time.Time `json:"start"`
	// Async spans end when the function starts; sync ones when it ends.
	// A wrapper (the SNS topic or EventBridge bus in front of a queue)
	// ends when the span it wraps starts.
	Async bool              `json:"async"`
	Tags  map[string]string `json:"tags"`
}

// inferOptions is what service naming depends on.
type inferOptions struct {
	// mapping is DD_SERVICE_MAPPING: the specific key (API ID, queue,
	// topic, bus, stream, table, bucket) first, then the generic one
	// (lambda_sqs ...).
	mapping map[string]string
	// genericServices names each span by its generic fallback (sqs,
	// sns ...) instead of the instance: DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED=false.
	genericServices bool
	// peer is the function span's service: the inferred span's
	// peer.service and _dd.base_service.
	peer string
}

// Bounds on what an event can make us send.
const (
	maxValue = 4096 // bytes per tag value, resource and service
	maxEvent = 6 << 20
)

// infer returns the spans Datadog's extension infers from event, the
// outermost first: for SNS->SQS and EventBridge->SQS (or ->SNS) the
// wrapping topic or bus, then the queue (or topic). It returns nil for
// events with no inferred span (ALB, Step Functions, unknown shapes).
func infer(event any, o inferOptions) []inferred {
	var spans []inferred
	switch e := event.(type) {
	case events.APIGatewayProxyRequest:
		spans = one(restAPI(&e, o))
	case *events.APIGatewayProxyRequest:
		spans = guard(e, o, restAPI)
	case events.APIGatewayV2HTTPRequest:
		spans = one(httpAPI(&e, o))
	case *events.APIGatewayV2HTTPRequest:
		spans = guard(e, o, httpAPI)
	case events.APIGatewayWebsocketProxyRequest:
		spans = one(websocket(&e, o))
	case *events.APIGatewayWebsocketProxyRequest:
		spans = guard(e, o, websocket)
	case events.LambdaFunctionURLRequest:
		spans = one(functionURL(&e, o))
	case *events.LambdaFunctionURLRequest:
		spans = guard(e, o, functionURL)
	case events.SQSEvent:
		spans = sqsSpans(&e, o)
	case *events.SQSEvent:
		if e != nil {
			spans = sqsSpans(e, o)
		}
	case events.SNSEvent:
		spans = snsSpans(&e, o)
	case *events.SNSEvent:
		if e != nil {
			spans = snsSpans(e, o)
		}
	case events.EventBridgeEvent:
		spans = one(eventBridge(&e, o))
	case *events.EventBridgeEvent:
		spans = guard(e, o, eventBridge)
	case events.KinesisEvent:
		spans = guard(first(e.Records), o, kinesis)
	case *events.KinesisEvent:
		if e != nil {
			spans = guard(first(e.Records), o, kinesis)
		}
	case events.DynamoDBEvent:
		spans = guard(first(e.Records), o, dynamoDB)
	case *events.DynamoDBEvent:
		if e != nil {
			spans = guard(first(e.Records), o, dynamoDB)
		}
	case events.S3Event:
		spans = guard(first(e.Records), o, s3)
	case *events.S3Event:
		if e != nil {
			spans = guard(first(e.Records), o, s3)
		}
	case json.RawMessage:
		spans = inferRaw(e, o)
	case []byte:
		spans = inferRaw(e, o)
	case map[string]any:
		if len(e) > 0 {
			if b, err := json.Marshal(e); err == nil {
				spans = inferRaw(b, o)
			}
		}
	}
	finish(spans, o)
	return spans
}

func one(s inferred) []inferred { return []inferred{s} }

// guard calls f with e unless e is a nil pointer.
func guard[T any](e *T, o inferOptions, f func(*T, inferOptions) inferred) []inferred {
	if e == nil {
		return nil
	}
	return one(f(e, o))
}

// first is the first record: the extension reads no other.
func first[T any](records []T) *T {
	if len(records) == 0 {
		return nil
	}
	return &records[0]
}

// finish adds the tags every inferred span carries, bounds every string,
// and gives a wrapper its peer (the span it wraps).
func finish(spans []inferred, o inferOptions) {
	for i := range spans {
		s := &spans[i]
		s.Name, s.Resource, s.Service, s.Type = bound(s.Name), bound(s.Resource), bound(s.Service), bound(s.Type)
		if s.Service == "" {
			s.Service = bound(o.peer)
		}
		for k, v := range s.Tags {
			s.Tags[k] = bound(v)
		}
		sync := "sync"
		if s.Async {
			sync = "async"
		}
		s.Tags["_inferred_span.tag_source"] = "self"
		s.Tags["_inferred_span.synchronicity"] = sync
		peer := o.peer
		if i+1 < len(spans) {
			peer = spans[i+1].Service
		}
		if peer != "" {
			s.Tags["peer.service"] = bound(peer)
		}
		if o.peer != "" {
			s.Tags["_dd.base_service"] = bound(o.peer)
		}
		if !validTime(s.Start) {
			s.Start = time.Time{}
		}
	}
}

// service resolves an inferred span's service: the specific mapping, the
// generic one, then the instance name (or the fallback when instance names
// are turned off).
func service(o inferOptions, specific, generic, instance, fallback string) string {
	if v, ok := o.mapping[specific]; ok && specific != "" {
		return v
	}
	if v, ok := o.mapping[generic]; ok {
		return v
	}
	if o.genericServices {
		return fallback
	}
	return instance
}

// tags builds a tag map from key, value pairs, leaving out empty values.
func tags(kv ...string) map[string]string {
	m := make(map[string]string, len(kv)/2+5)
	for i := 0; i+1 < len(kv); i += 2 {
		if kv[i+1] != "" {
			m[kv[i]] = kv[i+1]
		}
	}
	return m
}

// httpURL is the URL of an API request, rid of credentials.
func httpURL(domain, path string) string {
	if domain == "" {
		return ""
	}
	return scrub.Redact("https://" + bound(domain) + bound(path))
}

// bound makes s valid UTF-8 of at most maxValue bytes.
func bound(s string) string {
	if len(s) > maxValue {
		i := maxValue
		for i > 0 && !utf8.RuneStart(s[i]) {
			i--
		}
		s = s[:i]
	}
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	return s
}

// The times an event may plausibly carry; anything else is ignored.
var (
	minTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)
	maxTime = time.Date(2200, 1, 1, 0, 0, 0, 0, time.UTC)
)

func validTime(t time.Time) bool { return !t.Before(minTime) && t.Before(maxTime) }

// unixMilli is a time in Unix milliseconds, zero when implausible.
func unixMilli(ms int64) time.Time {
	if ms < minTime.UnixMilli() || ms >= maxTime.UnixMilli() {
		return time.Time{}
	}
	return time.UnixMilli(ms)
}

// lastPart is what follows the last sep in s.
func lastPart(s string, sep byte) string {
	return s[strings.LastIndexByte(s, sep)+1:]
}

// header reads an HTTP header of an API event, any case.
func header(h map[string]string, name string) string {
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
