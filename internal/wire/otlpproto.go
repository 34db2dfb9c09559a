package wire

import (
	"math"
	"strings"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
)

// Field numbers of the OTLP trace protobuf messages that the encoder writes
// (opentelemetry/proto/trace/v1/trace.proto, common/v1/common.proto,
// resource/v1/resource.proto, collector/trace/v1/trace_service.proto).
const (
	fReqResourceSpans = 1 // ExportTraceServiceRequest.resource_spans

	fRSResource   = 1 // ResourceSpans.resource
	fRSScopeSpans = 2 // ResourceSpans.scope_spans
	fRSSchemaURL  = 3

	fResAttributes = 1 // Resource.attributes
	fResDropped    = 2

	fSSScope     = 1 // ScopeSpans.scope
	fSSSpans     = 2 // ScopeSpans.spans
	fSSSchemaURL = 3

	fScopeName       = 1 // InstrumentationScope
	fScopeVersion    = 2
	fScopeAttributes = 3
	fScopeDropped    = 4

	fSpanTraceID       = 1
	fSpanSpanID        = 2
	fSpanTraceState    = 3
	fSpanParentSpanID  = 4
	fSpanName          = 5
	fSpanKind          = 6
	fSpanStart         = 7
	fSpanEnd           = 8
	fSpanAttributes    = 9
	fSpanDroppedAttrs  = 10
	fSpanEvents        = 11
	fSpanDroppedEvents = 12
	fSpanLinks         = 13
	fSpanDroppedLinks  = 14
	fSpanStatus        = 15
	fSpanFlags         = 16

	fEventTime    = 1
	fEventName    = 2
	fEventAttrs   = 3
	fEventDropped = 4

	fLinkTraceID    = 1
	fLinkSpanID     = 2
	fLinkTraceState = 3
	fLinkAttrs      = 4
	fLinkDropped    = 5
	fLinkFlags      = 6

	fStatusMessage = 2
	fStatusCode    = 3

	fKVKey   = 1
	fKVValue = 2

	fAnyString = 1
	fAnyBool   = 2
	fAnyInt    = 3
	fAnyDouble = 4
	fAnyArray  = 5
	fAnyKVList = 6
	fAnyBytes  = 7

	fListValues = 1 // ArrayValue.values and KeyValueList.values
)

// Span flag bits (SpanFlags in trace.proto): the low byte is the W3C trace
// flags; these say whether the parent (or link) was remote.
const (
	flagHasIsRemote = 0x100
	flagIsRemote    = 0x200
)

// maxValueDepth bounds the nesting of slice and map attribute values; deeper
// values are written as empty values.
const maxValueDepth = 8

// openMsg appends the tag of a length-delimited field and a one-byte length
// placeholder, and returns where the message body starts.
func openMsg(b []byte, field fieldNum) ([]byte, int) {
	b = appendTag(b, field, bytesType)
	return append(b, 0), len(b) + 1
}

// closeMsg writes the length of the message whose body starts at start,
// moving the body when the length needs more than one byte.
func closeMsg(b []byte, start int) []byte {
	n := len(b) - start
	if n < 0x80 {
		b[start-1] = byte(n)
		return b
	}
	w := sizeVarint(uint64(n))
	b = append(b, make([]byte, w-1)...)
	copy(b[start+w-1:], b[start:start+n])
	appendVarint(b[:start-1], uint64(n))
	return b
}

func appendStringField(b []byte, f fieldNum, s string) []byte {
	b = appendTag(b, f, bytesType)
	return appendLenString(b, s)
}

func appendBytesField(b []byte, f fieldNum, v []byte) []byte {
	b = appendTag(b, f, bytesType)
	return appendLenBytes(b, v)
}

func appendVarintField(b []byte, f fieldNum, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = appendTag(b, f, varintType)
	return appendVarint(b, v)
}

func appendFixed64Field(b []byte, f fieldNum, v uint64) []byte {
	if v == 0 {
		return b
	}
	b = appendTag(b, f, fixed64Type)
	return appendFixed64(b, v)
}

// validUTF8 returns s with invalid UTF-8 replaced (protobuf strings must be
// valid UTF-8 or the official decoder rejects the whole message), cut to at
// most limit bytes on a rune boundary (limit < 0: not cut).
func validUTF8(s string, limit int) string {
	if !isASCII(s) && !utf8.ValidString(s) {
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	if limit < 0 || len(s) <= limit {
		return s
	}
	s = s[:limit]
	i := len(s)
	for i > 0 && len(s)-i < utf8.UTFMax && !utf8.RuneStart(s[i-1]) {
		i--
	}
	if i > 0 && !utf8.FullRuneInString(s[i-1:]) {
		return s[:i-1]
	}
	return s
}

// isASCII reports whether s is all ASCII, eight bytes at a time: most keys
// and values are, and this is faster than utf8.ValidString on short ones.
func isASCII(s string) bool {
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if load8(s, i)&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

// appendKeyValues appends attrs as repeated KeyValue field f. String values
// pass scrub.Value and are cut to strMax bytes (strMax < 0: not cut). skip,
// when not nil, marks attributes to leave out.
func appendKeyValues(c *valueCache, b []byte, f fieldNum, attrs []attribute.KeyValue, strMax int, skip []bool) []byte {
	for i, kv := range attrs {
		if skip != nil && skip[i] {
			continue
		}
		b = appendKeyValue(c, b, f, kv, strMax, 0)
	}
	return b
}

func appendKeyValue(c *valueCache, b []byte, f fieldNum, kv attribute.KeyValue, strMax, depth int) []byte {
	b, start := openMsg(b, f)
	b = appendStringField(b, fKVKey, validUTF8(string(kv.Key), -1))
	b = appendAnyValue(c, b, fKVValue, string(kv.Key), kv.Value, strMax, depth)
	return closeMsg(b, start)
}

// appendAnyValue appends v as AnyValue field f.
func appendAnyValue(c *valueCache, b []byte, f fieldNum, key string, v attribute.Value, strMax, depth int) []byte {
	b, start := openMsg(b, f)
	switch v.Type() {
	case attribute.BOOL:
		b = appendTag(b, fAnyBool, varintType)
		b = appendVarint(b, encodeBool(v.AsBool()))
	case attribute.INT64:
		b = appendTag(b, fAnyInt, varintType)
		b = appendVarint(b, uint64(v.AsInt64()))
	case attribute.FLOAT64:
		b = appendTag(b, fAnyDouble, fixed64Type)
		b = appendFixed64(b, math.Float64bits(v.AsFloat64()))
	case attribute.STRING:
		b = appendStringField(b, fAnyString, validUTF8(c.scrub(key, v.AsString()), strMax))
	case attribute.BYTESLICE:
		bs := v.AsByteSlice()
		if strMax >= 0 && len(bs) > strMax {
			bs = bs[:strMax]
		}
		b = appendBytesField(b, fAnyBytes, bs)
	case attribute.BOOLSLICE, attribute.INT64SLICE, attribute.FLOAT64SLICE, attribute.STRINGSLICE, attribute.SLICE:
		if depth < maxValueDepth {
			b = appendArrayValue(c, b, key, v, strMax, depth+1)
		}
	case attribute.MAP:
		if depth < maxValueDepth {
			var list int
			b, list = openMsg(b, fAnyKVList)
			for _, kv := range v.AsMap() {
				b = appendKeyValue(c, b, fListValues, kv, strMax, depth+1)
			}
			b = closeMsg(b, list)
		}
	}
	return closeMsg(b, start)
}

// appendArrayValue appends a slice value as AnyValue.array_value.
func appendArrayValue(c *valueCache, b []byte, key string, v attribute.Value, strMax, depth int) []byte {
	b, start := openMsg(b, fAnyArray)
	switch v.Type() {
	case attribute.BOOLSLICE:
		b = appendValues(c, b, key, v.AsBoolSlice(), attribute.BoolValue, strMax, depth)
	case attribute.INT64SLICE:
		b = appendValues(c, b, key, v.AsInt64Slice(), attribute.Int64Value, strMax, depth)
	case attribute.FLOAT64SLICE:
		b = appendValues(c, b, key, v.AsFloat64Slice(), attribute.Float64Value, strMax, depth)
	case attribute.STRINGSLICE:
		b = appendValues(c, b, key, c.strings(v), attribute.StringValue, strMax, depth)
	default:
		b = appendValues(c, b, key, v.AsSlice(), func(x attribute.Value) attribute.Value { return x }, strMax, depth)
	}
	return closeMsg(b, start)
}

// appendValues appends each element of xs as an ArrayValue.values entry.
func appendValues[T any](c *valueCache, b []byte, key string, xs []T, value func(T) attribute.Value, strMax, depth int) []byte {
	for _, x := range xs {
		b = appendAnyValue(c, b, fListValues, key, value(x), strMax, depth)
	}
	return b
}
