package segment

import (
	"strconv"
)

// AppendDocument appends d as one complete, compact JSON document without
// nested subsegments. A subsegment is written as an independent subsegment
// (with type, trace_id and parent_id). The output is valid UTF-8 and never
// holds NaN or infinities; its size is not checked (see [Trim]).
func AppendDocument(b []byte, d *Document) []byte {
	b = append(b, '{')
	if d.Subsegment {
		b = AppendIndependent(b, d)
	}
	b = AppendFields(b, d)
	return append(b, '}')
}

// AppendIndependent appends the members that make a subsegment independent,
// each followed by a comma: "type":"subsegment","trace_id":…,"parent_id":…,
// Write it after the opening brace and before [AppendFields].
func AppendIndependent(b []byte, d *Document) []byte {
	b = append(b, `"type":"subsegment","trace_id":"`...)
	b = appendTraceID(b, d.TraceID)
	b = append(b, `","parent_id":"`...)
	b = appendSpanID(b, d.ParentID)
	return append(b, `",`...)
}

// IndependentSize is the number of bytes [AppendIndependent] adds.
const IndependentSize = len(`"type":"subsegment","trace_id":"","parent_id":"",`) + 35 + 16

// AppendFields appends d's own members (name first, no braces, no
// subsegments). A subsegment's trace_id and parent_id are not written: they
// belong to [AppendIndependent] or to the enclosing document.
func AppendFields(b []byte, d *Document) []byte {
	b = append(b, `"name":`...)
	name := SanitizeName(d.Name)
	if name == "" {
		name = DefaultName
	}
	b = appendString(b, name, MaxNameLen)
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
			b = appendString(b, d.Version, MaxStringLen)
			b = append(b, '}')
		}
	}
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

// validOrigin reports whether o is an origin X-Ray accepts.
func validOrigin(o string) bool {
	switch o {
	case OriginEC2, OriginECSContainer, OriginECSEC2, OriginECSFargate, OriginEKS, OriginBeanstalk, OriginAppRunner:
		return true
	}
	return false
}

// appendStringMember appends ,"key":"value" with value cut to MaxStringLen.
func appendStringMember(b []byte, key, value string) []byte {
	b = append(b, ',', '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendString(b, value, MaxStringLen)
}

// appendObjectMember appends ,"key":"value" inside an object being written,
// omitting empty values; first reports whether no member was written yet.
func appendObjectMember(b []byte, first *bool, key, value string) []byte {
	if value == "" {
		return b
	}
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	b = append(b, '"', ':')
	return appendString(b, value, MaxStringLen)
}

func appendHTTP(b []byte, h *HTTP, subsegment bool) []byte {
	b = append(b, `,"http":{`...)
	wroteReq := false
	if h.Method != "" || h.URL != "" || h.UserAgent != "" || h.ClientIP != "" {
		b = append(b, `"request":{`...)
		first := true
		b = appendObjectMember(b, &first, "method", h.Method)
		b = appendObjectMember(b, &first, "url", h.URL)
		b = appendObjectMember(b, &first, "user_agent", h.UserAgent)
		b = appendObjectMember(b, &first, "client_ip", h.ClientIP)
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
		if validStatus(h.Status) {
			b = append(b, `"status":`...)
			b = strconv.AppendInt(b, h.Status, 10)
			if h.ContentLength >= 0 {
				b = append(b, ',')
			}
		}
		if h.ContentLength >= 0 {
			b = append(b, `"content_length":`...)
			b = strconv.AppendInt(b, h.ContentLength, 10)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func validStatus(s int64) bool { return s >= 100 && s <= 599 }

func appendAWS(b []byte, a *AWS, subsegment bool) []byte {
	b = append(b, `,"aws":{`...)
	first := true
	b = appendObjectMember(b, &first, "account_id", a.AccountID)
	if subsegment {
		b = appendObjectMember(b, &first, "operation", a.Operation)
		b = appendObjectMember(b, &first, "region", a.Region)
		b = appendObjectMember(b, &first, "request_id", a.RequestID)
		if a.Retries >= 0 {
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `"retries":`...)
			b = strconv.AppendInt(b, a.Retries, 10)
		}
		b = appendObjectMember(b, &first, "queue_url", a.QueueURL)
		switch {
		case len(a.TableNames) > 1:
			if !first {
				b = append(b, ',')
			}
			first = false
			b = append(b, `"table_names":[`...)
			for i, t := range a.TableNames {
				if i > 0 {
					b = append(b, ',')
				}
				b = appendString(b, t, MaxStringLen)
			}
			b = append(b, ']')
		case len(a.TableNames) == 1:
			b = appendObjectMember(b, &first, "table_name", a.TableNames[0])
		default:
			b = appendObjectMember(b, &first, "table_name", a.TableName)
		}
		for _, kv := range a.Params {
			key := snakeKey(kv.Key)
			if key == "" {
				continue
			}
			if !first {
				b = append(b, ',')
			}
			first = false
			b = appendString(b, key, MaxStringLen)
			b = append(b, ':')
			b = appendValue(b, kv.Value, MaxStringLen)
		}
		return append(b, '}')
	}
	if e := a.EC2; e != nil {
		b = appendNested(b, &first, "ec2")
		f := true
		b = appendObjectMember(b, &f, "instance_id", e.InstanceID)
		b = appendObjectMember(b, &f, "availability_zone", e.AvailabilityZone)
		b = appendObjectMember(b, &f, "instance_size", e.InstanceSize)
		b = appendObjectMember(b, &f, "ami_id", e.AMIID)
		b = append(b, '}')
	}
	if e := a.ECS; e != nil {
		b = appendNested(b, &first, "ecs")
		f := true
		b = appendObjectMember(b, &f, "container", e.Container)
		b = appendObjectMember(b, &f, "container_id", e.ContainerID)
		b = appendObjectMember(b, &f, "container_arn", e.ContainerARN)
		b = appendObjectMember(b, &f, "cluster_arn", e.ClusterARN)
		b = appendObjectMember(b, &f, "task_arn", e.TaskARN)
		b = appendObjectMember(b, &f, "task_family", e.TaskFamily)
		b = appendObjectMember(b, &f, "launch_type", e.LaunchType)
		b = appendObjectMember(b, &f, "availability_zone", e.AvailabilityZone)
		b = append(b, '}')
	}
	if e := a.EKS; e != nil {
		b = appendNested(b, &first, "eks")
		f := true
		b = appendObjectMember(b, &f, "cluster_name", e.ClusterName)
		b = appendObjectMember(b, &f, "pod", e.Pod)
		b = appendObjectMember(b, &f, "container_id", e.ContainerID)
		b = append(b, '}')
	}
	if e := a.ElasticBeanstalk; e != nil {
		b = appendNested(b, &first, "elastic_beanstalk")
		f := true
		b = appendObjectMember(b, &f, "environment_name", e.EnvironmentName)
		b = appendObjectMember(b, &f, "version_label", e.VersionLabel)
		if e.DeploymentID > 0 {
			if !f {
				b = append(b, ',')
			}
			b = append(b, `"deployment_id":`...)
			b = strconv.AppendInt(b, e.DeploymentID, 10)
		}
		b = append(b, '}')
	}
	if x := a.XRay; x != nil {
		b = appendNested(b, &first, "xray")
		f := true
		b = appendObjectMember(b, &f, "sdk", x.SDK)
		b = appendObjectMember(b, &f, "sdk_version", x.SDKVersion)
		if !f {
			b = append(b, ',')
		}
		b = append(b, `"auto_instrumentation":false}`...)
	}
	if len(a.LogGroups) > 0 {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, `"cloudwatch_logs":[`...)
		for i, g := range a.LogGroups {
			if i > 0 {
				b = append(b, ',')
			}
			b = append(b, '{')
			f := true
			b = appendObjectMember(b, &f, "log_group", g.Name)
			b = appendObjectMember(b, &f, "arn", g.ARN)
			b = append(b, '}')
		}
		b = append(b, ']')
	}
	return append(b, '}')
}

// appendNested opens "key":{ as the next member of an object.
func appendNested(b []byte, first *bool, key string) []byte {
	if !*first {
		b = append(b, ',')
	}
	*first = false
	b = append(b, '"')
	b = append(b, key...)
	return append(b, `":{`...)
}

// snakeKey returns k if it is snake_case ([a-z0-9_]+), else a snake_case
// form of it ("TableName" -> "table_name"), or "" when nothing is left.
func snakeKey(k string) string {
	ok := k != "" && len(k) <= MaxStringLen
	for i := 0; ok && i < len(k); i++ {
		c := k[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_'
	}
	if ok {
		return k
	}
	out := make([]byte, 0, len(k)+4)
	for i := 0; i < len(k) && len(out) < MaxStringLen; i++ {
		c := k[i]
		switch {
		case 'A' <= c && c <= 'Z':
			if len(out) > 0 && out[len(out)-1] != '_' {
				out = append(out, '_')
			}
			out = append(out, c+'a'-'A')
		case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			out = append(out, c)
		default:
			if len(out) > 0 && out[len(out)-1] != '_' {
				out = append(out, '_')
			}
		}
	}
	return string(out)
}

func appendSQL(b []byte, s *SQL) []byte {
	b = append(b, `,"sql":{`...)
	first := true
	b = appendObjectMember(b, &first, "url", s.URL)
	b = appendObjectMember(b, &first, "sanitized_query", s.SanitizedQuery)
	b = appendObjectMember(b, &first, "database_type", s.DatabaseType)
	b = appendObjectMember(b, &first, "database_version", s.DatabaseVersion)
	b = appendObjectMember(b, &first, "driver_version", s.DriverVersion)
	b = appendObjectMember(b, &first, "user", s.User)
	if s.Preparation == "call" || s.Preparation == "statement" {
		b = appendObjectMember(b, &first, "preparation", s.Preparation)
	}
	return append(b, '}')
}

func appendCause(b []byte, exs []Exception) []byte {
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
			b = strconv.AppendInt(b, int64(e.Truncated), 10)
		}
		if len(e.Stack) > 0 {
			b = append(b, `,"stack":[`...)
			for j, f := range e.Stack {
				if j > 0 {
					b = append(b, ',')
				}
				b = append(b, '{')
				first := true
				b = appendObjectMember(b, &first, "path", f.Path)
				if f.Line > 0 {
					if !first {
						b = append(b, ',')
					}
					first = false
					b = append(b, `"line":`...)
					b = strconv.AppendInt(b, int64(f.Line), 10)
				}
				b = appendObjectMember(b, &first, "label", f.Label)
				b = append(b, '}')
			}
			b = append(b, ']')
		}
		b = append(b, '}')
	}
	return append(b, `]}`...)
}

func appendAnnotations(b []byte, kvs []KeyValue) []byte {
	b = append(b, `,"annotations":{`...)
	first := true
	for _, kv := range kvs {
		key := SanitizeAnnotationKey(kv.Key)
		if key == "" {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, key...)
		b = append(b, '"', ':')
		b = appendPrimitive(b, kv.Value, MaxAnnotationValueLen)
	}
	return append(b, '}')
}

func appendMetadata(b []byte, nss []Namespace) []byte {
	b = append(b, `,"metadata":{`...)
	first := true
	for _, ns := range nss {
		if len(ns.Entries) == 0 && len(ns.Raw) == 0 {
			continue
		}
		if !first {
			b = append(b, ',')
		}
		first = false
		b = appendString(b, metadataKey(ns.Name), 0)
		b = append(b, ':')
		if len(ns.Raw) > 0 {
			b = append(b, ns.Raw...)
			continue
		}
		b = append(b, '{')
		for i, kv := range ns.Entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, metadataKey(kv.Key), 0)
			b = append(b, ':')
			b = appendValue(b, kv.Value, 0)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

// metadataKey keeps keys out of the "AWS." prefix that X-Ray reserves.
func metadataKey(k string) string {
	if len(k) >= 4 && k[:4] == "AWS." {
		return "_" + k
	}
	return k
}

func appendLinks(b []byte, links []Link) []byte {
	b = append(b, `,"links":[`...)
	for i, l := range links {
		if i == MaxLinks {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"trace_id":"`...)
		b = appendTraceID(b, l.TraceID)
		b = append(b, `","id":"`...)
		b = appendSpanID(b, l.ID)
		b = append(b, '"')
		if len(l.Attributes) > 0 {
			b = append(b, `,"attributes":{`...)
			for j, kv := range l.Attributes {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, kv.Key, MaxStringLen)
				b = append(b, ':')
				b = appendPrimitive(b, kv.Value, MaxStringLen)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
