package segment

import (
	"errors"
	"fmt"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/xrayheader"
)

const hexDigits = "0123456789abcdef"

// TraceIDString returns the X-Ray form of an OpenTelemetry trace ID:
// "1-" + 8 hex digits (the epoch seconds when the ID came from the X-Ray ID
// generator) + "-" + 24 hex digits.
func TraceIDString(id trace.TraceID) string {
	return string(appendTraceID(make([]byte, 0, 35), id))
}

func appendTraceID(b []byte, id trace.TraceID) []byte {
	b = append(b, '1', '-')
	for i, c := range id {
		if i == 4 {
			b = append(b, '-')
		}
		b = append(b, hexDigits[c>>4], hexDigits[c&0xf])
	}
	return b
}

// ErrBadTraceID is wrapped by the error of [ParseTraceID].
var ErrBadTraceID = errors.New("segment: not an X-Ray trace ID")

// ParseTraceID parses the X-Ray form of a trace ID (1-5759e988-bd862e3fe1be46a994272793).
func ParseTraceID(s string) (trace.TraceID, error) {
	id, err := xrayheader.ParseTraceID(s)
	if err != nil {
		return trace.TraceID{}, fmt.Errorf("%w: %q: %w", ErrBadTraceID, s, err)
	}
	return id, nil
}

// exceptionID derives a stable, non-zero exception ID from a span ID and the
// exception's index, so that documents are reproducible.
func exceptionID(span trace.SpanID, i int) trace.SpanID {
	// FNV-1a over the span ID and the index.
	h := uint64(14695981039346656037)
	for _, c := range span {
		h ^= uint64(c)
		h *= 1099511628211
	}
	h ^= uint64(i) + 1
	h *= 1099511628211
	if h == 0 {
		h = 1
	}
	var id trace.SpanID
	for j := 7; j >= 0; j-- {
		id[j] = byte(h)
		h >>= 8
	}
	return id
}
