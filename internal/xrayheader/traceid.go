package xrayheader

import (
	"errors"

	"go.opentelemetry.io/otel/trace"
)

// Why [ParseTraceID] refused a string. Neither names the string: the caller
// says which one it was.
var (
	ErrTraceIDLayout = errors.New("want 1-<8 hex>-<24 hex>")
	ErrTraceIDDigits = errors.New("want lower-case hex digits")
)

// traceIDLen is the length of 1-5759e988-bd862e3fe1be46a994272793.
const traceIDLen = 35

// ParseTraceID parses the X-Ray form of a trace ID,
// 1-5759e988-bd862e3fe1be46a994272793: version 1, the epoch seconds in 8 hex
// digits, then 24 hex digits. The error is [ErrTraceIDLayout] or
// [ErrTraceIDDigits].
func ParseTraceID(s string) (trace.TraceID, error) {
	var id trace.TraceID
	if len(s) != traceIDLen || s[0] != '1' || s[1] != '-' || s[10] != '-' {
		return id, ErrTraceIDLayout
	}
	digits := s[2:10] + s[11:]
	for i := range id {
		hi, ok1 := unhex(digits[2*i])
		lo, ok2 := unhex(digits[2*i+1])
		if !ok1 || !ok2 {
			return trace.TraceID{}, ErrTraceIDDigits
		}
		id[i] = hi<<4 | lo
	}
	return id, nil
}

func unhex(c byte) (byte, bool) {
	switch {
	case '0' <= c && c <= '9':
		return c - '0', true
	case 'a' <= c && c <= 'f':
		return c - 'a' + 10, true
	}
	return 0, false
}
