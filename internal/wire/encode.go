package wire

import (
	"github.com/otelxray/otelxray/segment"
)

// AppendDocument appends d as one complete, compact JSON document without
// nested subsegments. A subsegment is written as an independent subsegment
// (with type, trace_id and parent_id). The output is valid UTF-8 and never
// holds NaN or infinities; its size is not checked (a [Packer] trims what
// does not fit a datagram).
func AppendDocument(b []byte, d *segment.Document) []byte {
	b = append(b, '{')
	if d.Subsegment {
		b = appendIndependent(b, d)
	}
	b = appendFields(b, d)
	return append(b, '}')
}

// appendIndependent appends the members that make a subsegment independent,
// each followed by a comma: "type":"subsegment","trace_id":…,"parent_id":…,
// Write it after the opening brace and before [appendFields].
func appendIndependent(b []byte, d *segment.Document) []byte {
	b = append(b, `"type":"subsegment","trace_id":"`...)
	b = appendTraceID(b, d.TraceID)
	b = append(b, `","parent_id":"`...)
	b = appendSpanID(b, d.ParentID)
	return append(b, `",`...)
}

// independentSize is the number of bytes [appendIndependent] adds.
const independentSize = len(`"type":"subsegment","trace_id":"","parent_id":"",`) + 35 + 16

// appendFields appends d's own members (name first, no braces, no
// subsegments). A subsegment's trace_id and parent_id are not written: they
// belong to [appendIndependent] or to the enclosing document.
func appendFields(b []byte, d *segment.Document) []byte {
	b = append(b, `"name":`...)
	if plainName(d.Name) {
		// What SanitizeName keeps as it is, and nothing to escape.
		b = append(b, '"')
		b = append(b, d.Name...)
		b = append(b, '"')
	} else {
		name := segment.SanitizeName(d.Name)
		if name == "" {
			name = segment.DefaultName
		}
		b = appendString(b, name, segment.MaxNameLen)
	}
	b = append(b, `,"id":"`...)
	b = appendSpanID(b, d.ID)
	b = append(b, '"')
	if !d.Subsegment {
		if d.TraceID.IsValid() {
			b = append(b, `,"trace_id":"`...)
			b = appendTraceID(b, d.TraceID)
			b = append(b, '"')
		}
		if d.ParentID.IsValid() {
			b = append(b, `,"parent_id":"`...)
			b = appendSpanID(b, d.ParentID)
			b = append(b, '"')
		}
	}
	b = append(b, `,"start_time":`...)
	b = appendMicros(b, d.StartMicros)
	if d.EndMicros > 0 {
		b = append(b, `,"end_time":`...)
		end := d.EndMicros
		if end < d.StartMicros {
			end = d.StartMicros
		}
		b = appendMicros(b, end)
	} else {
		b = append(b, `,"in_progress":true`...)
	}
	if d.Subsegment {
		if d.Namespace == "aws" || d.Namespace == "remote" {
			b = appendStringMember(b, "namespace", d.Namespace)
		}
	} else {
		if validOrigin(d.Origin) {
			b = appendStringMember(b, "origin", d.Origin)
		}
		if d.User != "" {
			b = appendStringMember(b, "user", d.User)
		}
		if d.Version != "" {
			b = append(b, `,"service":{"version":`...)
			b = appendString(b, d.Version, segment.MaxStringLen)
			b = append(b, '}')
		}
	}
	return appendOutcome(b, d)
}

// appendOutcome appends the members after the times and names: the ARN,
// the error flags and the optional objects, in the order X-Ray SDKs write them.
func appendOutcome(b []byte, d *segment.Document) []byte {
	if d.ResourceARN != "" {
		b = appendStringMember(b, "resource_arn", d.ResourceARN)
	}
	if d.Error || d.Throttle {
		b = append(b, `,"error":true`...)
	}
	if d.Throttle {
		b = append(b, `,"throttle":true`...)
	}
	if d.Fault {
		b = append(b, `,"fault":true`...)
	}
	if d.HTTP != nil {
		b = appendHTTP(b, d.HTTP, d.Subsegment)
	}
	if d.AWS != nil {
		before := len(b)
		b = appendAWS(b, d.AWS, d.Subsegment)
		if string(b[before:]) == `,"aws":{}` {
			b = b[:before]
		}
	}
	if d.SQL != nil {
		b = appendSQL(b, d.SQL)
	}
	if len(d.Exceptions) > 0 {
		b = appendCause(b, d.Exceptions)
	}
	if len(d.Annotations) > 0 {
		b = appendAnnotations(b, d.Annotations)
	}
	if len(d.Metadata) > 0 {
		b = appendMetadata(b, d.Metadata)
	}
	if len(d.Links) > 0 {
		b = appendLinks(b, d.Links)
	}
	return b
}

// plainName reports whether s is a name [segment.SanitizeName] returns as it
// is, made only of ASCII letters, digits and the punctuation it keeps: none
// of them needs escaping in JSON.
func plainName(s string) bool {
	if len(s) == 0 || len(s) > segment.MaxNameLen || s[0] == ' ' || s[len(s)-1] == ' ' {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !nameBytes[s[i]] {
			return false
		}
	}
	return true
}

// nameBytes marks the bytes a name may hold as they are: those segment's
// SanitizeName keeps, but the backslash, which JSON escapes (TestNameBytes
// holds the two together).
var nameBytes = func() (t [256]bool) {
	for _, c := range "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 _.:/%&#=+-@" {
		t[c] = true
	}
	return t
}()

// validOrigin reports whether o is an origin X-Ray accepts.
func validOrigin(o string) bool {
	switch o {
	case segment.OriginEC2, segment.OriginECSContainer, segment.OriginECSEC2, segment.OriginECSFargate, segment.OriginEKS, segment.OriginBeanstalk, segment.OriginAppRunner:
		return true
	}
	return false
}

// appendStringMember appends ,"key":"value" with value cut to MaxStringLen.
func appendStringMember(b []byte, key, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendString(b, value, segment.MaxStringLen)
}

// appendKey appends "key": as the next member of an object being written;
// first reports whether no member was written yet. key must need no escaping.
func appendKey(b []byte, first *bool, key string) []byte {
	b = appendComma(b, first)
	b = append(b, '"')
	b = append(b, key...)
	return append(b, '"', ':')
}

// appendComma appends the comma before an object's next member, unless
// first says none was written yet, and then clears first.
func appendComma(b []byte, first *bool) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	return b
}

// appendObjectMember appends "key":"value" as the next member of an object,
// with value cut to MaxStringLen, or nothing when value is empty.
func appendObjectMember(b []byte, first *bool, key, value string) []byte {
	if value == "" {
		return b
	}
	return appendString(appendKey(b, first, key), value, segment.MaxStringLen)
}

// appendStrings appends the string members given as key, value pairs with
// [appendObjectMember].
func appendStrings(b []byte, first *bool, pairs ...string) []byte {
	for i := 0; i+1 < len(pairs); i += 2 {
		b = appendObjectMember(b, first, pairs[i], pairs[i+1])
	}
	return b
}

// appendNested opens "key":{ as the next member of an object.
func appendNested(b []byte, first *bool, key string) []byte {
	return append(appendKey(b, first, key), '{')
}

func appendHTTP(b []byte, h *segment.HTTP, subsegment bool) []byte {
	b = append(b, `,"http":{`...)
	wroteReq := false
	if h.Method != "" || h.URL != "" || h.UserAgent != "" || h.ClientIP != "" {
		b = append(b, `"request":{`...)
		first := true
		b = appendStrings(b, &first, "method", h.Method, "url", h.URL, "user_agent", h.UserAgent, "client_ip", h.ClientIP)
		if h.ClientIP != "" && h.XForwardedFor && !subsegment {
			b = append(b, `,"x_forwarded_for":true`...)
		}
		b = append(b, '}')
		wroteReq = true
	}
	if validStatus(h.Status) || h.ContentLength >= 0 {
		if wroteReq {
			b = append(b, ',')
		}
		b = append(b, `"response":{`...)
		first := true
		if validStatus(h.Status) {
			b = appendInt(appendKey(b, &first, "status"), h.Status)
		}
		if h.ContentLength >= 0 {
			b = appendInt(appendKey(b, &first, "content_length"), h.ContentLength)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func validStatus(s int64) bool { return s >= 100 && s <= 599 }

func appendSQL(b []byte, s *segment.SQL) []byte {
	b = append(b, `,"sql":{`...)
	first := true
	b = appendStrings(b, &first, "url", s.URL, "connection_string", s.ConnectionString, "sanitized_query", s.SanitizedQuery, "database_type", s.DatabaseType,
		"database_version", s.DatabaseVersion, "driver_version", s.DriverVersion, "user", s.User)
	if s.Preparation == "call" || s.Preparation == "statement" {
		b = appendObjectMember(b, &first, "preparation", s.Preparation)
	}
	return append(b, '}')
}

func appendCause(b []byte, exs []segment.Exception) []byte {
	b = append(b, `,"cause":{"exceptions":[`...)
	for i := range exs {
		e := &exs[i]
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":"`...)
		b = appendSpanID(b, e.ID)
		b = append(b, '"')
		if e.Type != "" {
			b = appendStringMember(b, "type", e.Type)
		}
		if e.Message != "" {
			b = appendStringMember(b, "message", e.Message)
		}
		if e.Remote {
			b = append(b, `,"remote":true`...)
		}
		if e.Truncated > 0 {
			b = append(b, `,"truncated":`...)
			b = appendInt(b, int64(e.Truncated))
		}
		if len(e.Stack) > 0 {
			b = appendArray(append(b, `,"stack":`...), e.Stack, appendFrame)
		}
		b = append(b, '}')
	}
	return append(b, `]}`...)
}

func appendFrame(b []byte, f segment.StackFrame) []byte {
	b = append(b, '{')
	first := true
	b = appendObjectMember(b, &first, "path", f.Path)
	if f.Line > 0 {
		b = appendInt(appendKey(b, &first, "line"), int64(f.Line))
	}
	b = appendObjectMember(b, &first, "label", f.Label)
	return append(b, '}')
}
