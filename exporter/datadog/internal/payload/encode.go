package payload

import (
	"github.com/tinylib/msgp/msgp"
)

// Append appends a v0.4 payload: a msgpack array of traces, each an
// array of span maps.
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
	b = msgp.AppendString(b, "service")
	b = msgp.AppendString(b, s.Service)
	b = msgp.AppendString(b, "name")
	b = msgp.AppendString(b, s.Name)
	b = msgp.AppendString(b, "resource")
	b = msgp.AppendString(b, s.Resource)
	b = msgp.AppendString(b, "trace_id")
	b = msgp.AppendUint64(b, s.TraceID)
	b = msgp.AppendString(b, "span_id")
	b = msgp.AppendUint64(b, s.SpanID)
	b = msgp.AppendString(b, "parent_id")
	b = msgp.AppendUint64(b, s.ParentID)
	b = msgp.AppendString(b, "start")
	b = msgp.AppendInt64(b, s.Start)
	b = msgp.AppendString(b, "duration")
	b = msgp.AppendInt64(b, s.Duration)
	b = msgp.AppendString(b, "error")
	b = msgp.AppendInt32(b, s.Error)
	b = msgp.AppendString(b, "meta")
	b = msgp.AppendMapHeader(b, uint32(len(s.Meta)))
	for k, v := range s.Meta {
		b = msgp.AppendString(b, k)
		b = msgp.AppendString(b, v)
	}
	b = msgp.AppendString(b, "metrics")
	b = msgp.AppendMapHeader(b, uint32(len(s.Metrics)))
	for k, v := range s.Metrics {
		b = msgp.AppendString(b, k)
		b = msgp.AppendFloat64(b, v)
	}
	b = msgp.AppendString(b, "type")
	b = msgp.AppendString(b, s.Type)
	if len(s.Links) > 0 {
		b = msgp.AppendString(b, "span_links")
		b = msgp.AppendArrayHeader(b, uint32(len(s.Links)))
		for _, l := range s.Links {
			m := uint32(4)
			if len(l.Attributes) > 0 {
				m++
			}
			if l.Tracestate != "" {
				m++
			}
			b = msgp.AppendMapHeader(b, m)
			b = msgp.AppendString(b, "trace_id")
			b = msgp.AppendUint64(b, l.TraceID)
			b = msgp.AppendString(b, "trace_id_high")
			b = msgp.AppendUint64(b, l.TraceIDHigh)
			b = msgp.AppendString(b, "span_id")
			b = msgp.AppendUint64(b, l.SpanID)
			b = msgp.AppendString(b, "flags")
			b = msgp.AppendUint32(b, l.Flags)
			if len(l.Attributes) > 0 {
				b = msgp.AppendString(b, "attributes")
				b = msgp.AppendMapHeader(b, uint32(len(l.Attributes)))
				for k, v := range l.Attributes {
					b = msgp.AppendString(b, k)
					b = msgp.AppendString(b, v)
				}
			}
			if l.Tracestate != "" {
				b = msgp.AppendString(b, "tracestate")
				b = msgp.AppendString(b, l.Tracestate)
			}
		}
	}
	return b
}
