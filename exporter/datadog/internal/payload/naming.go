package payload

import (
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// naming picks the operation name, resource and type as Datadog's tracers do.
func naming(spanName string, kind trace.SpanKind, attrs map[string]attribute.Value) (name, resource, typ string) {
	method := str(attrs, "http.request.method", "http.method")
	switch {
	case str(attrs, "rpc.system", "rpc.system.name") == "aws-api":
		svc := awsService(attrs)
		op := str(attrs, "aws.operation", "rpc.method")
		if i := strings.LastIndexByte(op, '/'); i >= 0 {
			op = op[i+1:]
		}
		return "aws.request", svc + "." + op, "http"
	case str(attrs, "db.system", "db.system.name") != "":
		sys := str(attrs, "db.system", "db.system.name")
		res := str(attrs, "db.query.text", "db.statement")
		if res == "" {
			res = spanName
		}
		typ := "sql"
		switch sys {
		case "redis", "memcached":
			typ = "cache"
		case "mongodb", "cassandra", "elasticsearch", "dynamodb":
			typ = "db"
		}
		return sys + ".query", res, typ
	case method != "" && kind == trace.SpanKindServer:
		res := method
		if route := str(attrs, "http.route"); route != "" {
			res += " " + route
		}
		return "http.request", res, "web"
	case method != "" && kind == trace.SpanKindClient:
		return "http.request", method, "http"
	case kind == trace.SpanKindServer:
		if str(attrs, "faas.trigger") != "" || str(attrs, "faas.invocation_id") != "" {
			return "aws.lambda.handler", spanName, "serverless"
		}
		return "server.request", spanName, "web"
	case kind == trace.SpanKindClient:
		return "client.request", spanName, ""
	case kind == trace.SpanKindProducer:
		return "producer", spanName, ""
	case kind == trace.SpanKindConsumer:
		return "consumer", spanName, ""
	}
	return "internal", spanName, ""
}

// spanError sets error.type, error.message and error.stack from the span's
// exception event or status, and says whether the span is an error.
func spanError(s sdktrace.ReadOnlySpan, kind trace.SpanKind, attrs map[string]attribute.Value, meta map[string]string) int32 {
	isErr := s.Status().Code == codes.Error
	if v, ok := attrs["http.response.status_code"]; ok || attrs["http.status_code"].Type() == attribute.INT64 {
		if !ok {
			v = attrs["http.status_code"]
		}
		if code := v.AsInt64(); code >= 500 || (kind == trace.SpanKindClient && code >= 400) {
			isErr = true
		}
	}
	if !isErr {
		return 0
	}
	for _, ev := range s.Events() {
		if ev.Name != "exception" {
			continue
		}
		for _, kv := range ev.Attributes {
			switch kv.Key {
			case "exception.type":
				meta["error.type"] = clean(kv.Value.AsString())
			case "exception.message":
				meta["error.message"] = clean(kv.Value.AsString())
			case "exception.stacktrace":
				meta["error.stack"] = clean(kv.Value.AsString())
			}
		}
	}
	if meta["error.message"] == "" {
		meta["error.message"] = clean(s.Status().Description)
	}
	return 1
}
