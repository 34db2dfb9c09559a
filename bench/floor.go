package bench

import (
	"strconv"
	"unicode/utf8"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/scrub"
)

// Floor is a hand-written, one-pass encoder from the benchmark's spans
// straight into the packed datagram: the realistic floor of what an exporter
// of X-Ray segments can cost. It is a benchmark reference, not shipped code:
// it knows only what the workload holds (a Lambda handler span whose parent
// is remote, and DynamoDB-like children with plain metadata and annotations
// listed in aws.xray.annotations), skips every check the exporter makes for
// other spans (scrubbing, trimming, splitting at 64,000 bytes, nesting
// beyond one level), and writes ASCII strings only. For that workload its
// bytes are those xrayudp sends in Lambda mode (TestFloorMatchesExporter).
//
// With Scrub set, the strings the exporter scrubs for this workload pass
// internal/scrub as well (the name, annotation and metadata values): the
// floor of an exporter that keeps the project's rule.
//
// Reuse one Floor across batches; it is not safe for concurrent use.
type Floor struct {
	Scrub bool

	buf []byte
	// last annotation list seen and its strings: a span's
	// aws.xray.annotations value can only be read by copying it, so
	// identical lists (the common case) are compared, not copied.
	lastList attribute.Value
	lastKeys []string
}

// Encode returns the datagram carrying spans: the root (the span whose
// parent is remote) with every other span nested in it. The result is valid
// until the next call.
func (f *Floor) Encode(spans []sdktrace.ReadOnlySpan) []byte {
	b := append(f.buf[:0], `{"format":"json","version":1}`+"\n"...)
	root := -1
	for i, s := range spans {
		if s.Parent().IsRemote() {
			root = i
			break
		}
	}
	if root < 0 {
		return nil
	}
	r := spans[root]
	sc := r.SpanContext()
	b = append(b, `{"type":"subsegment","trace_id":"`...)
	b = floorTraceID(b, sc.TraceID())
	b = append(b, `","parent_id":"`...)
	b = floorSpanID(b, r.Parent().SpanID())
	b = append(b, `",`...)
	name, _ := r.Resource().Set().Value("service.name")
	b = f.span(b, r, name.AsString())
	b = append(b, `,"subsegments":[`...)
	first := true
	for i, s := range spans {
		if i == root || s.Parent().SpanID() != sc.SpanID() {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '{')
		b = f.span(b, s, "")
		b = append(b, '}')
	}
	b = append(b, "]}"...)
	f.buf = b
	return b
}

// span appends one span's members: the name (rpc.service for an AWS call,
// else name), id, times, then the aws object, annotations and metadata.
func (f *Floor) span(b []byte, s sdktrace.ReadOnlySpan, name string) []byte {
	kvs := s.Attributes()
	var service, method, table, region, request string
	var list attribute.Value
	for _, kv := range kvs {
		switch kv.Key {
		case "rpc.service":
			service = kv.Value.AsString()
		case "rpc.method":
			method = kv.Value.AsString()
		case "aws.table_name":
			table = kv.Value.AsString()
		case "aws.region":
			region = kv.Value.AsString()
		case "aws.request_id":
			request = kv.Value.AsString()
		case "aws.xray.annotations":
			list = kv.Value
		}
	}
	keys := f.annotationKeys(list)
	aws := service != ""
	if aws {
		name = service
	}
	if f.Scrub {
		name = scrub.Redact(name)
	}
	b = append(b, `"name":`...)
	b = floorString(b, name)
	b = append(b, `,"id":"`...)
	b = floorSpanID(b, s.SpanContext().SpanID())
	b = append(b, `","start_time":`...)
	b = floorMicros(b, s.StartTime().UnixMicro())
	b = append(b, `,"end_time":`...)
	b = floorMicros(b, s.EndTime().UnixMicro())
	if aws {
		b = append(b, `,"namespace":"aws","aws":{"operation":`...)
		b = floorString(b, method)
		b = append(b, `,"region":`...)
		b = floorString(b, region)
		b = append(b, `,"request_id":`...)
		b = floorString(b, request)
		b = append(b, `,"table_name":`...)
		b = floorString(b, table)
		b = append(b, '}')
	}
	if len(keys) > 0 {
		b = append(b, `,"annotations":{`...)
		n := 0
		for _, kv := range kvs {
			if !floorHas(keys, string(kv.Key)) {
				continue
			}
			if n > 0 {
				b = append(b, ',')
			}
			n++
			b = append(b, '"')
			b = floorAnnotationKey(b, string(kv.Key))
			b = append(b, `":`...)
			b = f.value(b, string(kv.Key), kv.Value)
		}
		b = append(b, '}')
	}
	b = append(b, `,"metadata":{"default":{`...)
	n := 0
	for _, kv := range kvs {
		k := string(kv.Key)
		if floorConsumed(k, aws) || floorHas(keys, k) {
			continue
		}
		if n > 0 {
			b = append(b, ',')
		}
		n++
		b = floorString(b, k)
		b = append(b, ':')
		b = f.value(b, k, kv.Value)
	}
	return append(b, "}}"...)
}

// annotationKeys returns the strings of an aws.xray.annotations value,
// copying them only when the list differs from the last one.
func (f *Floor) annotationKeys(v attribute.Value) []string {
	if v.Type() != attribute.STRINGSLICE {
		return nil
	}
	if v != f.lastList {
		f.lastList, f.lastKeys = v, v.AsStringSlice()
	}
	return f.lastKeys
}

// floorConsumed reports the attributes that feed a document field.
func floorConsumed(k string, aws bool) bool {
	switch k {
	case "aws.xray.annotations":
		return true
	case "rpc.system", "rpc.service", "rpc.method", "aws.table_name", "aws.region", "aws.request_id":
		return aws
	}
	return false
}

func floorHas(ss []string, s string) bool {
	for _, x := range ss {
		if x == s {
			return true
		}
	}
	return false
}

// floorAnnotationKey appends k with every byte other than a letter, digit
// or underscore made an underscore.
func floorAnnotationKey(b []byte, k string) []byte {
	for i := 0; i < len(k); i++ {
		c := k[i]
		if 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '_' {
			b = append(b, c)
		} else {
			b = append(b, '_')
		}
	}
	return b
}

func (f *Floor) value(b []byte, k string, v attribute.Value) []byte {
	if f.Scrub && v.Type() == attribute.STRING {
		return floorString(b, scrub.Value(k, v.AsString()))
	}
	return floorValue(b, v)
}

func floorValue(b []byte, v attribute.Value) []byte {
	switch v.Type() {
	case attribute.BOOL:
		return strconv.AppendBool(b, v.AsBool())
	case attribute.INT64:
		return strconv.AppendInt(b, v.AsInt64(), 10)
	case attribute.FLOAT64:
		return strconv.AppendFloat(b, v.AsFloat64(), 'f', -1, 64)
	}
	return floorString(b, v.AsString())
}

// floorString appends s as a JSON string, escaping quotes, backslashes and
// control characters; non-ASCII bytes are copied as they are.
func floorString(b []byte, s string) []byte {
	const hex = "0123456789abcdef"
	b = append(b, '"')
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x20 && c != '"' && c != '\\' || c >= utf8.RuneSelf {
			continue
		}
		b = append(b, s[start:i]...)
		switch c {
		case '"', '\\':
			b = append(b, '\\', c)
		case '\n':
			b = append(b, '\\', 'n')
		case '\r':
			b = append(b, '\\', 'r')
		case '\t':
			b = append(b, '\\', 't')
		default:
			b = append(b, '\\', 'u', '0', '0', hex[c>>4], hex[c&0xf])
		}
		start = i + 1
	}
	b = append(b, s[start:]...)
	return append(b, '"')
}

func floorMicros(b []byte, us int64) []byte {
	b = strconv.AppendInt(b, us/1e6, 10)
	frac := us % 1e6
	b = append(b, '.')
	for div := int64(100000); div > 0; div /= 10 {
		b = append(b, byte('0'+frac/div%10))
	}
	return b
}

func floorHex(b []byte, id []byte) []byte {
	const hex = "0123456789abcdef"
	for _, c := range id {
		b = append(b, hex[c>>4], hex[c&0xf])
	}
	return b
}

func floorTraceID(b []byte, id trace.TraceID) []byte {
	b = floorHex(append(b, '1', '-'), id[:4])
	return floorHex(append(b, '-'), id[4:])
}

func floorSpanID(b []byte, id trace.SpanID) []byte { return floorHex(b, id[:]) }
