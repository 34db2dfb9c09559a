package ddlambda

import (
	"strings"

	"github.com/aws/aws-lambda-go/events"
)

// The generic DD_SERVICE_MAPPING keys of the HTTP sources.
const (
	mapAPIGateway = "lambda_api_gateway"
	mapURL        = "lambda_url"
)

// invokedAsync reports an API request that invoked the function
// asynchronously (X-Amz-Invocation-Type: Event).
func invokedAsync(h map[string]string) bool { return header(h, "x-amz-invocation-type") == "Event" }

// restAPI is API Gateway's REST API (payload 1.0): aws.apigateway.
func restAPI(e *events.APIGatewayProxyRequest, o inferOptions) inferred {
	rc := &e.RequestContext
	return inferred{
		Name:     "aws.apigateway",
		Resource: rc.HTTPMethod + " " + parameterize(rc.Path),
		Service:  service(o, rc.APIID, mapAPIGateway, rc.DomainName, rc.DomainName),
		Type:     "web",
		Start:    unixMilli(rc.RequestTimeEpoch),
		Async:    invokedAsync(e.Headers),
		Tags: tags("endpoint", rc.Path, "http.url", httpURL(rc.DomainName, rc.Path),
			"http.method", rc.HTTPMethod, "http.protocol", rc.Protocol,
			"http.source_ip", rc.Identity.SourceIP, "http.user_agent", rc.Identity.UserAgent,
			"request_id", rc.RequestID, "http.route", rc.ResourcePath),
	}
}

// httpAPI is API Gateway's HTTP API (payload 2.0): aws.httpapi.
func httpAPI(e *events.APIGatewayV2HTTPRequest, o inferOptions) inferred {
	rc := &e.RequestContext
	h := &rc.HTTP
	route := e.RouteKey
	if _, after, ok := strings.Cut(route, " "); ok {
		route = after // "GET /orders/{id}" -> "/orders/{id}"
	}
	if route == "$default" {
		route = ""
	}
	return inferred{
		Name:     "aws.httpapi",
		Resource: h.Method + " " + parameterize(h.Path),
		Service:  service(o, rc.APIID, mapAPIGateway, rc.DomainName, rc.DomainName),
		Type:     "web",
		Start:    unixMilli(rc.TimeEpoch),
		Async:    invokedAsync(e.Headers),
		Tags: tags("endpoint", h.Path, "http.url", httpURL(rc.DomainName, h.Path),
			"http.method", h.Method, "http.protocol", h.Protocol,
			"http.source_ip", h.SourceIP, "http.user_agent", h.UserAgent,
			"request_id", rc.RequestID, "http.route", route),
	}
}

// websocket is API Gateway's WebSocket API: aws.apigateway, always async.
func websocket(e *events.APIGatewayWebsocketProxyRequest, o inferOptions) inferred {
	rc := &e.RequestContext
	return inferred{
		Name:     "aws.apigateway",
		Resource: rc.RouteKey,
		Service:  service(o, rc.APIID, mapAPIGateway, rc.DomainName, "api_gateway_websocket"),
		Type:     "web",
		Start:    unixMilli(rc.RequestTimeEpoch),
		Async:    true,
		Tags: tags("endpoint", rc.RouteKey, "resource_names", rc.RouteKey,
			"http.url", httpURL(rc.DomainName, rc.RouteKey), "request_id", rc.RequestID,
			"apiid", rc.APIID, "stage", rc.Stage, "connection_id", rc.ConnectionID,
			"event_type", rc.EventType, "message_direction", rc.MessageDirection),
	}
}

// functionURL is a Lambda function URL: aws.lambda.url, type http, its
// path as it came (not parameterized).
func functionURL(e *events.LambdaFunctionURLRequest, o inferOptions) inferred {
	rc := &e.RequestContext
	h := &rc.HTTP
	return inferred{
		Name:     "aws.lambda.url",
		Resource: h.Method + " " + h.Path,
		Service:  service(o, rc.APIID, mapURL, rc.DomainName, rc.DomainName),
		Type:     "http",
		Start:    unixMilli(rc.TimeEpoch),
		Async:    invokedAsync(e.Headers),
		Tags: tags("endpoint", h.Path, "http.url", httpURL(rc.DomainName, h.Path),
			"http.method", h.Method, "http.user_agent", h.UserAgent,
			"http.source_ip", h.SourceIP, "http.protocol", h.Protocol,
			"operation_name", "aws.lambda.url", "request_id", rc.RequestID),
	}
}

// parameterize replaces the path segments that look like identifiers
// (all digits, or holding a UUID or a ULID) with {<singular previous
// segment>_id}, or {id}, as the extension names resources; a path that
// already has {parameters} is kept. Empty segments are dropped.
func parameterize(path string) string {
	path = bound(path)
	if strings.Contains(path, "{") && strings.Contains(path, "}") {
		return path
	}
	parts := strings.Split(path, "/")
	var b strings.Builder
	for i := 1; i < len(parts); i++ {
		part := parts[i]
		if part == "" {
			continue
		}
		b.WriteByte('/')
		if !isIdentifier(part) {
			b.WriteString(part)
			continue
		}
		name := "id"
		if i > 1 && parts[i-1] != "" {
			if s := strings.TrimRight(parts[i-1], "s"); s != "id" {
				name = s + "_id"
			}
		}
		b.WriteString("{" + name + "}")
	}
	return b.String()
}

// isIdentifier reports a segment of digits, or one holding a UUID
// (8-4-4-4-12 hex digits) or a ULID (26 Crockford base32 capitals).
func isIdentifier(s string) bool {
	digits := true
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			digits = false
			break
		}
	}
	return digits || hasUUID(s) || hasULID(s)
}

func hasUUID(s string) bool {
	const n = 36
	for i := 0; i+n <= len(s); i++ {
		if isUUID(s[i : i+n]) {
			return true
		}
	}
	return false
}

func isUUID(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch i {
		case 8, 13, 18, 23:
			if c != '-' {
				return false
			}
		default:
			if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
				return false
			}
		}
	}
	return true
}

func hasULID(s string) bool {
	run := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= '0' && c <= '9' || c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U' {
			if run++; run >= 26 {
				return true
			}
		} else {
			run = 0
		}
	}
	return false
}
