package ddtrace

import (
	"encoding/binary"
	"encoding/hex"

	"go.opentelemetry.io/otel/trace"
)

// TraceID returns the Datadog trace_id of an OpenTelemetry trace ID (its low
// 64 bits) and the _dd.p.tid tag that carries the high 64 bits.
func TraceID(id trace.TraceID) (low uint64, tid string) {
	return binary.BigEndian.Uint64(id[8:]), hex.EncodeToString(id[:8])
}

// SpanID returns the Datadog span_id of an OpenTelemetry span ID.
func SpanID(id trace.SpanID) uint64 { return binary.BigEndian.Uint64(id[:]) }
