package lambdatrace

import (
	"encoding/base64"
	"encoding/json"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/metadata"
	"github.com/otelxray/otelxray/propagation/ddprop"
)

// maxCarrierJSON bounds a _datadog value decoded from an event: Datadog's
// carriers are a few hundred bytes; anything past this is not one.
const maxCarrierJSON = 8 << 10

// headerCarrier reads HTTP headers case-insensitively; single-value headers
// win over multi-value ones (API Gateway REST APIs send both). It is
// read-only: Set does nothing.
type headerCarrier struct {
	single map[string]string
	multi  map[string][]string
}

// Get returns the value of the header named key, in any case.
func (h headerCarrier) Get(key string) string {
	if v := headerValue(h.single, key); v != "" {
		return v
	}
	if vs, ok := h.multi[key]; ok && len(vs) > 0 {
		return vs[0]
	}
	for k, vs := range h.multi {
		if len(vs) > 0 && strings.EqualFold(k, key) {
			return vs[0]
		}
	}
	return ""
}

// Set does nothing: an event's headers are the handler's.
func (headerCarrier) Set(string, string) {}

// Keys lists the header names.
func (h headerCarrier) Keys() []string {
	keys := make([]string, 0, len(h.single)+len(h.multi))
	for k := range h.single {
		keys = append(keys, k)
	}
	for k := range h.multi {
		keys = append(keys, k)
	}
	return keys
}

// found is a context read from an event, and where it was read.
type found struct {
	sc      trace.SpanContext
	carrier string // "messageAttributes._datadog (datadog)"
}

func (f found) valid() bool { return f.sc.IsValid() }

// fromCarrier reads the first dialect the carrier holds.
func fromCarrier(c propagation.TextMapCarrier, where string) found {
	sc, dialect := ddprop.Extract(c)
	if !sc.IsValid() {
		return found{}
	}
	return found{sc: sc, carrier: where + " (" + dialect + ")"}
}

// fromXRayHeader reads an AWSTraceHeader-style value.
func fromXRayHeader(h, where string) found {
	sc := ParentFromHeader(h)
	if !sc.IsValid() {
		return found{}
	}
	return found{sc: sc, carrier: where + " (xray)"}
}

// datadogJSON decodes a _datadog value (a JSON object of strings) into a
// carrier; nil if it is not one.
func datadogJSON(b []byte) propagation.MapCarrier {
	if len(b) == 0 || len(b) > maxCarrierJSON {
		return nil
	}
	var c propagation.MapCarrier // Datadog writes strings only
	if json.Unmarshal(b, &c) == nil {
		return c
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return stringsOf(m)
}

// stringsOf keeps the string values of a decoded JSON object.
func stringsOf(m map[string]any) propagation.MapCarrier {
	c := make(propagation.MapCarrier, len(m))
	for k, v := range m {
		if s, ok := v.(string); ok {
			c[k] = s
		}
	}
	return c
}

// base64JSON decodes the base64 of a _datadog Binary value.
func base64JSON(s string) propagation.MapCarrier {
	if len(s) > maxCarrierJSON*4/3+4 {
		return nil
	}
	b, err := base64.StdEncoding.DecodeString(s)
	if err != nil {
		return nil
	}
	return datadogJSON(b)
}

// link turns a found context into a span link naming the message.
func (f found) link(messageID string) trace.Link {
	attrs := []attribute.KeyValue{metadata.PropagationCarrierKey.String(f.carrier)}
	if messageID != "" {
		attrs = append(attrs, attribute.String("messaging.message.id", messageID))
	}
	return trace.Link{SpanContext: f.sc, Attributes: attrs}
}
