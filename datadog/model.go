package datadog

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Span is one span in Datadog's v0.4 model.
type Span struct {
	Service, Name, Resource, Type string
	TraceID, SpanID, ParentID     uint64
	Start, Duration               int64 // nanoseconds
	Error                         int32
	Meta                          map[string]string
	Metrics                       map[string]float64
	Links                         []Link
}

// Link is a span link in Datadog's model.
type Link struct {
	TraceID, TraceIDHigh, SpanID uint64
	Attributes                   map[string]string
	Tracestate                   string
	Flags                        uint32
}

// maxValueLen bounds meta values, as Datadog's agent truncates them anyway.
const maxValueLen = 25000

// Convert maps an OpenTelemetry span to Datadog's model. service is the
// configured service (empty: the resource's service.name).
func Convert(s sdktrace.ReadOnlySpan, service, env, version string) Span {
	sc := s.SpanContext()
	d := Span{
		Meta:    make(map[string]string, len(s.Attributes())+6),
		Metrics: make(map[string]float64, 4),
	}
	var tid string
	d.TraceID, tid = TraceID(sc.TraceID())
	d.SpanID = SpanID(sc.SpanID())
	if p := s.Parent(); p.IsValid() {
		d.ParentID = SpanID(p.SpanID())
	}
	d.Meta["_dd.p.tid"] = tid
	d.Start = s.StartTime().UnixNano()
	if end := s.EndTime(); !end.IsZero() && end.After(s.StartTime()) {
		d.Duration = end.Sub(s.StartTime()).Nanoseconds()
	}
	attrs := map[string]attribute.Value{}
	for _, kv := range s.Attributes() {
		attrs[string(kv.Key)] = kv.Value
		putAttr(&d, cut(string(kv.Key)), kv.Value)
	}
	if service == "" {
		if r := s.Resource(); r != nil {
			if v, ok := r.Set().Value("service.name"); ok {
				service = v.AsString()
			}
		}
	}
	if service == "" {
		service = "unnamed-go-service"
	}
	d.Service = cut(service)
	if env != "" {
		d.Meta["env"] = cut(env)
	}
	if version != "" {
		d.Meta["version"] = cut(version)
	}
	d.Meta["language"] = "go"
	kind := s.SpanKind()
	d.Meta["span.kind"] = kindName(kind)
	d.Name, d.Resource, d.Type = naming(s.Name(), kind, attrs)
	d.Name, d.Resource = cut(d.Name), cut(d.Resource)
	if aws := awsTags(attrs); aws != nil {
		for k, v := range aws {
			d.Meta[k] = v
		}
	}
	d.Error = spanError(s, kind, attrs, d.Meta)
	// A span without a local parent is where the service's work enters.
	if p := s.Parent(); !p.IsValid() || p.IsRemote() {
		d.Metrics["_top_level"] = 1
		d.Metrics["_sampling_priority_v1"] = 1
	}
	for _, l := range s.Links() {
		if !l.SpanContext.IsValid() {
			continue
		}
		low, _ := TraceID(l.SpanContext.TraceID())
		tr := l.SpanContext.TraceID()
		link := Link{TraceID: low, TraceIDHigh: SpanID(trace.SpanID(tr[:8])), SpanID: SpanID(l.SpanContext.SpanID()),
			Tracestate: l.SpanContext.TraceState().String(), Flags: uint32(l.SpanContext.TraceFlags()) | 1<<31}
		for _, kv := range l.Attributes {
			if link.Attributes == nil {
				link.Attributes = map[string]string{}
			}
			link.Attributes[cut(string(kv.Key))] = cut(kv.Value.String())
		}
		d.Links = append(d.Links, link)
	}
	return d
}

// putAttr stores an attribute as meta (strings, bools, slices) or metrics
// (finite numbers; NaN and infinities become meta strings).
func putAttr(d *Span, k string, v attribute.Value) {
	switch v.Type() {
	case attribute.INT64:
		d.Metrics[k] = float64(v.AsInt64())
	case attribute.FLOAT64:
		f := v.AsFloat64()
		if math.IsNaN(f) || math.IsInf(f, 0) {
			d.Meta[k] = strconv.FormatFloat(f, 'g', -1, 64)
			return
		}
		d.Metrics[k] = f
	case attribute.STRING:
		d.Meta[k] = cut(v.AsString())
	default:
		d.Meta[k] = cut(v.String())
	}
}

// cut makes s valid UTF-8 (as the agent would) and bounds its length.
func cut(s string) string {
	if !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if len(s) <= maxValueLen {
		return s
	}
	i := maxValueLen
	for i > 0 && s[i]&0xC0 == 0x80 { // not in the middle of a UTF-8 sequence
		i--
	}
	return s[:i]
}

func kindName(k trace.SpanKind) string {
	switch k {
	case trace.SpanKindServer:
		return "server"
	case trace.SpanKindClient:
		return "client"
	case trace.SpanKindProducer:
		return "producer"
	case trace.SpanKindConsumer:
		return "consumer"
	}
	return "internal"
}

func str(attrs map[string]attribute.Value, keys ...string) string {
	for _, k := range keys {
		if v, ok := attrs[k]; ok && v.Type() == attribute.STRING && v.AsString() != "" {
			return v.AsString()
		}
	}
	return ""
}

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
				meta["error.type"] = cut(kv.Value.AsString())
			case "exception.message":
				meta["error.message"] = cut(kv.Value.AsString())
			case "exception.stacktrace":
				meta["error.stack"] = cut(kv.Value.AsString())
			}
		}
	}
	if meta["error.message"] == "" {
		meta["error.message"] = s.Status().Description
	}
	return 1
}
