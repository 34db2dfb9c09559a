package payload

import (
	"github.com/tinylib/msgp/msgp"
)

// Append appends a v0.4 payload: a msgpack array of traces, each an array
// of span maps.
func Append(b []byte, traces [][]Span) []byte {
	b = msgp.AppendArrayHeader(b, uint32(len(traces)))
	for _, t := range traces {
		b = msgp.AppendArrayHeader(b, uint32(len(t)))
		for i := range t {
			b = appendSpan(b, &t[i])
		}
	}
	return b
}

// appendSpan appends one span map of the v0.4 format.
func appendSpan(b []byte, s *Span) []byte {
	n := uint32(12)
	if len(s.Links) > 0 {
		n++
	}
	b = msgp.AppendMapHeader(b, n)
	b = appendString(b, "service", s.Service)
	b = appendString(b, "name", s.Name)
	b = appendString(b, "resource", s.Resource)
	b = appendUint(b, "trace_id", s.TraceID)
	b = appendUint(b, "span_id", s.SpanID)
	b = appendUint(b, "parent_id", s.ParentID)
	b = msgp.AppendInt64(msgp.AppendString(b, "start"), s.Start)
	b = msgp.AppendInt64(msgp.AppendString(b, "duration"), s.Duration)
	b = msgp.AppendInt32(msgp.AppendString(b, "error"), s.Error)
	b = appendStrings(msgp.AppendString(b, "meta"), s.Meta)
	b = msgp.AppendMapHeader(msgp.AppendString(b, "metrics"), uint32(len(s.Metrics)))
	for k, v := range s.Metrics {
		b = msgp.AppendFloat64(msgp.AppendString(b, k), v)
	}
	b = appendString(b, "type", s.Type)
	if len(s.Links) > 0 {
		b = msgp.AppendArrayHeader(msgp.AppendString(b, "span_links"), uint32(len(s.Links)))
		for i := range s.Links {
			b = appendLink(b, &s.Links[i])
		}
	}
	return b
}

// appendLink appends one span link map.
func appendLink(b []byte, l *Link) []byte {
	m := uint32(4)
	if len(l.Attributes) > 0 {
		m++
	}
	if l.Tracestate != "" {
		m++
	}
	b = msgp.AppendMapHeader(b, m)
	b = appendUint(b, "trace_id", l.TraceID)
	b = appendUint(b, "trace_id_high", l.TraceIDHigh)
	b = appendUint(b, "span_id", l.SpanID)
	b = msgp.AppendUint32(msgp.AppendString(b, "flags"), l.Flags)
	if len(l.Attributes) > 0 {
		b = appendStrings(msgp.AppendString(b, "attributes"), l.Attributes)
	}
	if l.Tracestate != "" {
		b = appendString(b, "tracestate", l.Tracestate)
	}
	return b
}

// appendString appends the key k and the string v.
func appendString(b []byte, k, v string) []byte {
	return msgp.AppendString(msgp.AppendString(b, k), v)
}

// appendUint appends the key k and the unsigned integer v.
func appendUint(b []byte, k string, v uint64) []byte {
	return msgp.AppendUint64(msgp.AppendString(b, k), v)
}

// appendStrings appends a map of strings.
func appendStrings(b []byte, m map[string]string) []byte {
	b = msgp.AppendMapHeader(b, uint32(len(m)))
	for k, v := range m {
		b = appendString(b, k, v)
	}
	return b
}
