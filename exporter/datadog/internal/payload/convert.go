package payload

import (
	"math"
	"slices"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

// Convert maps an OpenTelemetry span to Datadog's model. service is the
// configured service (empty: the resource's service.name). Every value
// that may come from the user's data is cut to size and rid of
// credentials (scrub.Redact): meta values, name, service, resource, error
// tags, AWS tags, link attributes; values of keys that name a credential
// (scrub.CredentialKey: Authorization and Cookie headers, db.password)
// are sent as REDACTED.
func Convert(s sdktrace.ReadOnlySpan, service, env, version string) Span {
	sc := s.SpanContext()
	d := Span{
		Meta:    make(map[string]string, len(s.Attributes())+6),
		Metrics: make(map[string]float64, 4),
	}
	var tid string
	d.TraceID, tid = ddtrace.TraceID(sc.TraceID())
	d.SpanID = ddtrace.SpanID(sc.SpanID())
	if p := s.Parent(); p.IsValid() {
		d.ParentID = ddtrace.SpanID(p.SpanID())
	}
	d.Meta["_dd.p.tid"] = tid
	d.Start = s.StartTime().UnixNano()
	if end := s.EndTime(); !end.IsZero() && end.After(s.StartTime()) {
		d.Duration = end.Sub(s.StartTime()).Nanoseconds()
	}
	attrs := map[string]attribute.Value{}
	for _, kv := range s.Attributes() {
		attrs[string(kv.Key)] = kv.Value
		if !isReserved(kv.Key) {
			putAttr(&d, cut(string(kv.Key)), kv.Value)
		}
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
	d.Service = clean(service)
	if env != "" {
		d.Meta["env"] = clean(env)
	}
	if version != "" {
		d.Meta["version"] = clean(version)
	}
	d.Meta["language"] = "go"
	kind := s.SpanKind()
	d.Meta["span.kind"] = kindName(kind)
	d.Name, d.Resource, d.Type = naming(s.Name(), kind, attrs)
	d.Name, d.Resource = clean(d.Name), clean(d.Resource)
	reserved(&d, attrs)
	if aws := awsTags(attrs); aws != nil {
		for k, v := range aws {
			d.Meta[k] = clean(v)
		}
	}
	d.Error = spanError(s, kind, attrs, d.Meta)
	function(&d, s, attrs)
	// A span without a local parent is where the service's work enters.
	if p := s.Parent(); !p.IsValid() || p.IsRemote() {
		d.Metrics["_top_level"] = 1
		priority(&d, sc)
	}
	d.Links = links(s.Links())
	if d.HeaderParent != 0 {
		// The link the span now hangs from says nothing more.
		d.Links = slices.DeleteFunc(d.Links, func(l Link) bool { return l.TraceID == d.TraceID && l.SpanID == d.ParentID })
	}
	return d
}

// links maps the span's valid links.
func links(ls []sdktrace.Link) []Link {
	var out []Link
	for _, l := range ls {
		if !l.SpanContext.IsValid() {
			continue
		}
		low, _ := ddtrace.TraceID(l.SpanContext.TraceID())
		tr := l.SpanContext.TraceID()
		link := Link{TraceID: low, TraceIDHigh: ddtrace.SpanID(trace.SpanID(tr[:8])), SpanID: ddtrace.SpanID(l.SpanContext.SpanID()),
			Tracestate: l.SpanContext.TraceState().String(), Flags: uint32(l.SpanContext.TraceFlags()) | 1<<31}
		for _, kv := range l.Attributes {
			if link.Attributes == nil {
				link.Attributes = map[string]string{}
			}
			link.Attributes[cut(string(kv.Key))] = cleanValue(string(kv.Key), kv.Value.String())
		}
		out = append(out, link)
	}
	return out
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
		d.Meta[k] = cleanValue(k, v.AsString())
	default:
		d.Meta[k] = cleanValue(k, v.String())
	}
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
