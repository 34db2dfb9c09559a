package segment

import (
	"encoding/json"
	"maps"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/otelxray/otelxray/internal/scrub"
)

// valKnownFields are the keys a (sub)segment document may have.
var valKnownFields = map[string]bool{
	"name": true, "id": true, "trace_id": true, "parent_id": true, "type": true,
	"start_time": true, "end_time": true, "in_progress": true, "namespace": true,
	"origin": true, "user": true, "service": true, "resource_arn": true,
	"http": true, "aws": true, "sql": true, "error": true, "throttle": true,
	"fault": true, "cause": true, "annotations": true, "metadata": true,
	"links": true, "subsegments": true, "precursor_ids": true,
}

// valOrigins are the accepted values of a segment's origin: those SDKs set,
// and the two of the segments Lambda itself sends for a traced function
// (code in the function never sends those).
var valOrigins = []string{
	"AWS::EC2::Instance", "AWS::ECS::Container", "AWS::ECS::EC2", "AWS::ECS::Fargate",
	"AWS::EKS::Container", "AWS::ElasticBeanstalk::Environment", "AWS::AppRunner::Service",
	"AWS::Lambda", "AWS::Lambda::Function",
}

// Examples used in messages.
const (
	valExampleID      = `"53995c3f42cd8ad8"`
	valExampleTraceID = `"1-5759e988-bd862e3fe1be46a994272793"`
	valExampleTime    = "1700000000.123456"
)

// valPath is a JSON path, built as a linked list so that descending into a
// deeply nested document costs O(1) per level; it is rendered only when a
// problem is reported. The nil *valPath is the document itself.
type valPath struct {
	parent *valPath
	key    string
	idx    int // array index when key is ""
}

// join appends a key to a JSON path.
func (p *valPath) join(key string) *valPath {
	return &valPath{parent: p, key: key}
}

// index appends an array index to a JSON path.
func (p *valPath) index(i int) *valPath {
	return &valPath{parent: p, idx: i}
}

// String renders p, e.g. "subsegments[2].annotations.my-key".
func (p *valPath) String() string {
	if p == nil {
		return ""
	}
	var parts []*valPath
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	var sb strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		if q.key == "" {
			sb.WriteString("[" + strconv.Itoa(q.idx) + "]")
			continue
		}
		if i != len(parts)-1 {
			sb.WriteByte('.')
		}
		sb.WriteString(q.key)
	}
	return sb.String()
}

// valSortedKeys returns the keys of m in order, so problems come out in a
// stable order.
func valSortedKeys(m map[string]any) []string {
	return slices.Sorted(maps.Keys(m))
}

// document checks one (sub)segment document. path is its JSON path (nil for
// the top-level document); top tells whether it was sent on its own rather
// than nested in a subsegments array.
func (c *valChecker) document(path *valPath, d map[string]any, top bool) {
	f := func(key string) *valPath { return path.join(key) }

	sub := !top
	if t, ok := d["type"]; ok {
		if s, isStr := t.(string); !isStr || s != "subsegment" {
			c.addf("independent", f("type"), `type is %s; the only valid value is "subsegment" (leave it out for a segment)`, valDescribe(t))
		} else {
			sub = true
		}
	}
	kind := "segment"
	if sub {
		kind = "subsegment"
	}

	for _, k := range valSortedKeys(d) {
		if !valKnownFields[k] {
			c.addf("field", f(k), "unknown field %s in a %s document", valQuote(k), kind)
		}
	}

	for _, k := range []string{"name", "id", "start_time"} {
		if _, ok := d[k]; !ok {
			c.addf("required", f(k), "missing; every %s needs name, id, start_time and end_time (or in_progress:true)", kind)
		}
	}
	if _, ok := d["end_time"]; !ok && d["in_progress"] != true {
		c.add("required", f("end_time"), "missing; a finished document needs end_time, an unfinished one in_progress:true")
	}

	if v, ok := d["name"]; ok {
		c.name(f("name"), v)
	}
	if v, ok := d["id"]; ok {
		c.id(f("id"), v)
	}
	if v, ok := d["parent_id"]; ok {
		c.id(f("parent_id"), v)
	}
	if v, ok := d["trace_id"]; ok {
		c.traceID(f("trace_id"), v)
	}
	if top {
		_, hasTrace := d["trace_id"]
		_, hasParent := d["parent_id"]
		switch {
		case sub && !hasTrace:
			c.add("independent", f("trace_id"), `missing; an independent subsegment (type "subsegment") needs trace_id and parent_id`)
		case !sub && !hasTrace:
			c.add("independent", f("trace_id"), "missing; a segment needs trace_id, e.g. "+valExampleTraceID)
		}
		if sub && !hasParent {
			c.add("independent", f("parent_id"), `missing; an independent subsegment (type "subsegment") needs parent_id, the id of its parent (sub)segment`)
		}
	}

	c.times(path, d)

	if v, ok := d["namespace"]; ok {
		switch s, isStr := v.(string); {
		case !sub:
			c.add("namespace", f("namespace"), "namespace is only allowed on subsegments")
		case !isStr || (s != "aws" && s != "remote"):
			c.addf("namespace", f("namespace"), `namespace is %s; it must be "aws" (AWS SDK calls) or "remote" (other downstream calls)`, valDescribe(v))
		}
	}
	if v, ok := d["origin"]; ok {
		switch s, isStr := v.(string); {
		case sub:
			c.add("origin", f("origin"), "origin is only allowed on segments")
		case !isStr || !slices.Contains(valOrigins, s):
			c.addf("origin", f("origin"), "origin is %s; it must be one of %s", valDescribe(v), strings.Join(valOrigins, ", "))
		}
	}
	if v, ok := d["user"]; ok {
		if _, isStr := v.(string); !isStr {
			c.addf("user", f("user"), "user is %s; it must be a string", valDescribe(v))
		}
		if sub {
			c.add("user", f("user"), "user is only allowed on segments")
		}
	}
	if v, ok := d["service"]; ok {
		c.service(f("service"), v)
	}
	if v, ok := d["resource_arn"]; ok {
		if _, isStr := v.(string); !isStr {
			c.addf("resource_arn", f("resource_arn"), "resource_arn is %s; it must be a string ARN", valDescribe(v))
		}
	}
	if v, ok := d["http"]; ok {
		c.http(f("http"), v)
	}
	if v, ok := d["aws"]; ok {
		c.aws(f("aws"), v)
	}
	if v, ok := d["sql"]; ok {
		c.sql(f("sql"), v)
	}
	c.flags(path, d)
	if v, ok := d["cause"]; ok {
		c.cause(f("cause"), v)
	}
	if v, ok := d["annotations"]; ok {
		c.annotations(f("annotations"), v)
	}
	if v, ok := d["metadata"]; ok {
		c.metadata(f("metadata"), v)
	}
	if v, ok := d["links"]; ok {
		c.links(f("links"), v)
	}
	if v, ok := d["precursor_ids"]; ok {
		if a, isArr := v.([]any); isArr {
			for i, e := range a {
				c.id(f("precursor_ids").index(i), e)
			}
		} else {
			c.addf("precursor_ids", f("precursor_ids"), "precursor_ids is %s; it must be an array of ids like [%s]", valDescribe(v), valExampleID)
		}
	}

	for _, k := range valSortedKeys(d) {
		switch k {
		case "name", "annotations", "metadata", "subsegments":
		default:
			c.stringLengths(f(k), d[k])
		}
	}

	if v, ok := d["subsegments"]; ok {
		a, isArr := v.([]any)
		if !isArr {
			c.addf("subsegments", f("subsegments"), "subsegments is %s; it must be an array of subsegment objects", valDescribe(v))
			return
		}
		for i, e := range a {
			p := f("subsegments").index(i)
			if m, isObj := e.(map[string]any); isObj {
				c.document(p, m, false)
			} else {
				c.addf("subsegments", p, "subsegment is %s; it must be an object", valDescribe(e))
			}
		}
	}
}

// name checks a (sub)segment name.
func (c *valChecker) name(field *valPath, v any) {
	s, ok := v.(string)
	if !ok {
		c.addf("name", field, "value is %s; a name is a string of 1 to %d characters", valDescribe(v), MaxNameLen)
		return
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0:
		c.addf("name", field, "name is empty; it must have 1 to %d characters", MaxNameLen)
	case n > MaxNameLen:
		c.addf("name", field, "name has %d characters, more than %d", n, MaxNameLen)
	}
	for _, r := range s {
		if !valNameRune(r) {
			c.addf("name", field, `name %s contains %q; only letters, digits, whitespace and _ . : / %% & # = + \ - @ are allowed`, valQuote(s), r)
			return
		}
	}
}

// valNameRune reports whether r may appear in a (sub)segment name.
func valNameRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsSpace(r) || strings.ContainsRune(`_.:/%&#=+\-@`, r)
}

// valIsLowerHex reports whether s is n lower-case hex digits.
func valIsLowerHex(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('0' <= s[i] && s[i] <= '9' || 'a' <= s[i] && s[i] <= 'f') {
			return false
		}
	}
	return true
}

// id checks a (sub)segment or exception id.
func (c *valChecker) id(field *valPath, v any) {
	s, ok := v.(string)
	switch {
	case !ok || !valIsLowerHex(s, 16):
		c.addf("id", field, "value is %s; an id is a string of 16 lower-case hex digits, e.g. %s", valDescribe(v), valExampleID)
	case s == "0000000000000000":
		c.add("id", field, "id is all zeros, which X-Ray rejects; use a random non-zero 64-bit id, e.g. "+valExampleID)
	}
}

// traceID checks an X-Ray trace id.
func (c *valChecker) traceID(field *valPath, v any) {
	s, ok := v.(string)
	if !ok || len(s) != 35 || s[:2] != "1-" || s[10] != '-' || !valIsLowerHex(s[2:10], 8) || !valIsLowerHex(s[11:], 24) {
		c.addf("trace_id", field, `value is %s; a trace_id is "1-" + 8 lower-case hex digits + "-" + 24 lower-case hex digits, e.g. %s`,
			valDescribe(v), valExampleTraceID)
	}
}

// times checks start_time, end_time and in_progress.
func (c *valChecker) times(path *valPath, d map[string]any) {
	start, startOK := c.time(path, "start_time", d)
	end, endOK := c.time(path, "end_time", d)
	if startOK && endOK && end < start {
		c.addf("time", path.join("end_time"), "end_time %s is before start_time %s",
			valDescribe(d["end_time"]), valDescribe(d["start_time"]))
	}
	if v, ok := d["in_progress"]; ok {
		if _, isBool := v.(bool); !isBool {
			c.addf("time", path.join("in_progress"), "in_progress is %s; it must be true or false", valDescribe(v))
		}
	}
}

// time checks the time value d[key] (absent is not a problem here) and
// returns it when it is usable for comparison.
func (c *valChecker) time(path *valPath, key string, d map[string]any) (float64, bool) {
	v, present := d[key]
	if !present {
		return 0, false
	}
	field := path.join(key)
	n, ok := v.(json.Number)
	if !ok {
		c.addf("time", field, "value is %s; a time is a number of seconds since the epoch, e.g. %s", valDescribe(v), valExampleTime)
		return 0, false
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsInf(f, 0) || math.IsNaN(f) {
		c.addf("time", field, "value %s is not a finite number; use seconds since the epoch, e.g. %s", valDescribe(v), valExampleTime)
		return 0, false
	}
	if f < 0 {
		c.addf("time", field, "value %s is negative; use seconds since the epoch, e.g. %s", valDescribe(v), valExampleTime)
		return 0, false
	}
	if dec := valDecimals(n.String()); dec > 6 {
		c.addf("time", field, "value %s has %d digits after the decimal point; at most 6 (microseconds), e.g. %s",
			valDescribe(v), dec, valExampleTime)
	}
	return f, true
}

// valDecimals returns the number of digits after the decimal point that the
// JSON number text s is written with, taking an exponent into account. A
// huge exponent counts as too many.
func valDecimals(s string) int {
	mant, exp, hasExp := strings.Cut(strings.ToLower(s), "e")
	e := 0
	if hasExp {
		if digits := strings.TrimLeft(exp, "+-"); len(digits) > 6 {
			if strings.HasPrefix(exp, "-") {
				return math.MaxInt32 // far more than 6
			}
			return 0
		}
		e, _ = strconv.Atoi(strings.TrimPrefix(exp, "+"))
	}
	frac := 0
	if _, after, ok := strings.Cut(mant, "."); ok {
		frac = len(after)
	}
	return max(frac-e, 0)
}

// valNonNegInt reports whether v is a JSON integer literal >= 0.
func valNonNegInt(v any) bool {
	n, ok := v.(json.Number)
	if !ok {
		return false
	}
	i, err := strconv.ParseInt(n.String(), 10, 64)
	return err == nil && i >= 0
}

// mustString reports a problem under rule when v is not a string.
func (c *valChecker) mustString(rule string, field *valPath, v any) {
	if _, ok := v.(string); !ok {
		c.addf(rule, field, "value is %s; it must be a string", valDescribe(v))
	}
}

// mustBool reports a problem under rule when v is not a bool.
func (c *valChecker) mustBool(rule string, field *valPath, v any) {
	if _, ok := v.(bool); !ok {
		c.addf(rule, field, "value is %s; it must be true or false", valDescribe(v))
	}
}

// mustNonNegInt reports a problem under rule when v is not an integer >= 0.
func (c *valChecker) mustNonNegInt(rule string, field *valPath, v any) {
	if !valNonNegInt(v) {
		c.addf(rule, field, "value is %s; it must be a non-negative integer", valDescribe(v))
	}
}

// stringArray checks that v is an array of strings.
func (c *valChecker) stringArray(rule string, field *valPath, v any) {
	a, ok := v.([]any)
	if !ok {
		c.addf(rule, field, "value is %s; it must be an array of strings", valDescribe(v))
		return
	}
	for i, e := range a {
		c.mustString(rule, field.index(i), e)
	}
}

// object returns v as an object, or reports that it is not one.
func (c *valChecker) object(rule string, field *valPath, v any) (map[string]any, bool) {
	m, ok := v.(map[string]any)
	if !ok {
		c.addf(rule, field, "value is %s; it must be an object", valDescribe(v))
	}
	return m, ok
}

// service checks the service object.
func (c *valChecker) service(field *valPath, v any) {
	m, ok := c.object("service", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		c.mustString("service", field.join(k), m[k])
	}
}

// http checks the http object.
func (c *valChecker) http(field *valPath, v any) {
	m, ok := c.object("http", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		f := field.join(k)
		switch k {
		case "request":
			req, ok := c.object("http", f, m[k])
			if !ok {
				continue
			}
			for _, rk := range valSortedKeys(req) {
				rf := f.join(rk)
				switch rk {
				case "method", "url", "user_agent", "client_ip":
					c.mustString("http", rf, req[rk])
				case "x_forwarded_for", "traced":
					c.mustBool("http", rf, req[rk])
				default:
					c.addf("http", rf, "unknown key %s; http.request has method, url, user_agent, client_ip, x_forwarded_for, traced", valQuote(rk))
				}
			}
		case "response":
			resp, ok := c.object("http", f, m[k])
			if !ok {
				continue
			}
			for _, rk := range valSortedKeys(resp) {
				rf := f.join(rk)
				switch rk {
				case "status":
					n, isNum := resp[rk].(json.Number)
					i, err := strconv.ParseInt(n.String(), 10, 64)
					if !isNum || err != nil || i < 100 || i > 599 {
						c.addf("http", rf, "status is %s; it must be an integer HTTP status code from 100 to 599", valDescribe(resp[rk]))
					}
				case "content_length":
					c.mustNonNegInt("http", rf, resp[rk])
				default:
					c.addf("http", rf, "unknown key %s; http.response has status and content_length", valQuote(rk))
				}
			}
		default:
			c.addf("http", f, "unknown key %s; http has request and response", valQuote(k))
		}
	}
}

// valIsSnakeCase reports whether s matches [a-z0-9_]+.
func valIsSnakeCase(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if !('a' <= s[i] && s[i] <= 'z' || '0' <= s[i] && s[i] <= '9' || s[i] == '_') {
			return false
		}
	}
	return true
}

// aws checks the aws object. The types of known keys are checked wherever
// they appear; other request parameters may hold any JSON value.
func (c *valChecker) aws(field *valPath, v any) {
	m, ok := c.object("aws", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		f, val := field.join(k), m[k]
		if !valIsSnakeCase(k) {
			c.addf("aws", f, "key %s is not snake_case; aws keys match [a-z0-9_]+, e.g. table_name", valQuote(k))
			continue
		}
		switch k {
		case "operation", "region", "request_id", "account_id", "queue_url", "table_name":
			c.mustString("aws", f, val)
		case "table_names":
			c.stringArray("aws", f, val)
		case "retries":
			c.mustNonNegInt("aws", f, val)
		case "ec2", "ecs", "eks", "elastic_beanstalk", "xray":
			o, ok := c.object("aws", f, val)
			if !ok {
				continue
			}
			for _, ik := range valSortedKeys(o) {
				of := f.join(ik)
				switch {
				case k == "xray" && ik == "auto_instrumentation":
					c.mustBool("aws", of, o[ik])
				case k == "elastic_beanstalk" && ik == "deployment_id":
					c.mustNonNegInt("aws", of, o[ik])
				default:
					c.mustString("aws", of, o[ik])
				}
			}
		case "cloudwatch_logs":
			a, isArr := val.([]any)
			if !isArr {
				c.addf("aws", f, "cloudwatch_logs is %s; it must be an array of {\"log_group\":...,\"arn\":...} objects", valDescribe(val))
				continue
			}
			for i, e := range a {
				ef := f.index(i)
				o, ok := c.object("aws", ef, e)
				if !ok {
					continue
				}
				for _, lk := range []string{"log_group", "arn"} {
					if lv, present := o[lk]; present {
						c.mustString("aws", ef.join(lk), lv)
					}
				}
			}
		}
	}
}

// sql checks the sql object.
func (c *valChecker) sql(field *valPath, v any) {
	m, ok := c.object("sql", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		f, val := field.join(k), m[k]
		switch k {
		case "url", "connection_string", "sanitized_query", "database_type", "database_version",
			"driver_version", "user", "preparation":
		default:
			c.addf("sql", f, "unknown key %s; sql has url, connection_string, sanitized_query, database_type, database_version, driver_version, user, preparation", valQuote(k))
			continue
		}
		s, isStr := val.(string)
		if !isStr {
			c.addf("sql", f, "value is %s; it must be a string", valDescribe(val))
			continue
		}
		if k == "preparation" && s != "call" && s != "statement" {
			c.addf("sql", f, `preparation is %s; it must be "call" or "statement"`, valQuote(s))
		}
		// Only the fields meant to locate a database are checked: a
		// sanitized query may mention a password column or literal text.
		if (k == "url" || k == "connection_string") && scrub.Contains(s, true) {
			c.add("sql", f, "value contains a password; strip it (user:password@ in URLs, password= in connection strings)")
		}
	}
}

// flags checks error, throttle and fault.
func (c *valChecker) flags(path *valPath, d map[string]any) {
	for _, k := range []string{"error", "throttle", "fault"} {
		if v, ok := d[k]; ok {
			if _, isBool := v.(bool); !isBool {
				c.addf("flags", path.join(k), "%s is %s; it must be true or false", k, valDescribe(v))
			}
		}
	}
	if d["throttle"] == true && d["error"] != true {
		c.add("flags", path.join("throttle"), "throttle is true but error is not; a throttled request (429) also sets error:true")
	}
}

// cause checks the cause: an exception id or an object with exceptions.
func (c *valChecker) cause(field *valPath, v any) {
	switch x := v.(type) {
	case string:
		c.id(field, x)
	case map[string]any:
		for _, k := range valSortedKeys(x) {
			f, val := field.join(k), x[k]
			switch k {
			case "working_directory":
				c.mustString("cause", f, val)
			case "paths":
				c.stringArray("cause", f, val)
			case "exceptions":
				a, isArr := val.([]any)
				if !isArr {
					c.addf("cause", f, "exceptions is %s; it must be an array of exception objects", valDescribe(val))
					continue
				}
				for i, e := range a {
					c.exception(f.index(i), e)
				}
			default:
				c.addf("cause", f, "unknown key %s; cause has working_directory, paths and exceptions", valQuote(k))
			}
		}
	default:
		c.addf("cause", field, "cause is %s; it must be an exception id like %s or an object {working_directory, paths, exceptions}",
			valDescribe(v), valExampleID)
	}
}

// exception checks one exception of a cause.
func (c *valChecker) exception(field *valPath, v any) {
	m, ok := c.object("cause", field, v)
	if !ok {
		return
	}
	if _, ok := m["id"]; !ok {
		c.add("cause", field.join("id"), "missing; every exception needs an id of 16 lower-case hex digits, e.g. "+valExampleID)
	}
	for _, k := range valSortedKeys(m) {
		f, val := field.join(k), m[k]
		switch k {
		case "id", "cause":
			c.id(f, val)
		case "message", "type":
			c.mustString("cause", f, val)
		case "remote":
			c.mustBool("cause", f, val)
		case "truncated", "skipped":
			c.mustNonNegInt("cause", f, val)
		case "stack":
			a, isArr := val.([]any)
			if !isArr {
				c.addf("cause", f, "stack is %s; it must be an array of {path, line, label} frames", valDescribe(val))
				continue
			}
			for i, e := range a {
				ef := f.index(i)
				fr, ok := c.object("cause", ef, e)
				if !ok {
					continue
				}
				for _, fk := range valSortedKeys(fr) {
					switch fk {
					case "path", "label":
						c.mustString("cause", ef.join(fk), fr[fk])
					case "line":
						c.mustNonNegInt("cause", ef.join(fk), fr[fk])
					default:
						c.addf("cause", ef.join(fk), "unknown key %s; a stack frame has path, line and label", valQuote(fk))
					}
				}
			}
		default:
			c.addf("cause", f, "unknown key %s; an exception has id, message, type, remote, truncated, skipped, cause and stack", valQuote(k))
		}
	}
}

// valAnnotationKey reports whether k matches ^[A-Za-z0-9_]{1,MaxAnnotationKeyLen}$.
func valAnnotationKey(k string) bool {
	if k == "" || len(k) > MaxAnnotationKeyLen {
		return false
	}
	for i := 0; i < len(k); i++ {
		b := k[i]
		if !('a' <= b && b <= 'z' || 'A' <= b && b <= 'Z' || '0' <= b && b <= '9' || b == '_') {
			return false
		}
	}
	return true
}

// annotations checks the annotations object.
func (c *valChecker) annotations(field *valPath, v any) {
	m, ok := c.object("annotations", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		f, val := field.join(k), m[k]
		if !valAnnotationKey(k) {
			c.addf("annotations", f, "key %s is not 1 to %d characters of [A-Za-z0-9_]; X-Ray silently drops it",
				valQuote(k), MaxAnnotationKeyLen)
		}
		switch x := val.(type) {
		case string:
			if n := utf8.RuneCountInString(x); n > MaxAnnotationValueLen {
				c.addf("annotations", f, "value has %d characters, more than %d", n, MaxAnnotationValueLen)
			}
		case json.Number, bool:
		default:
			c.addf("annotations", f, "value is %s; an annotation is a string, number or boolean", valDescribe(val))
		}
	}
}

// metadata checks the metadata object.
func (c *valChecker) metadata(field *valPath, v any) {
	m, ok := c.object("metadata", field, v)
	if !ok {
		return
	}
	for _, k := range valSortedKeys(m) {
		f := field.join(k)
		if strings.HasPrefix(k, "AWS.") {
			c.addf("metadata", f, "namespace %s is reserved (AWS.*); use another namespace, e.g. \"default\"", valQuote(k))
		}
		if _, isObj := m[k].(map[string]any); !isObj {
			c.addf("metadata", f, "namespace value is %s; it must be an object {key: any JSON}", valDescribe(m[k]))
		}
	}
}

// links checks the links array.
func (c *valChecker) links(field *valPath, v any) {
	a, ok := v.([]any)
	if !ok {
		c.addf("links", field, "links is %s; it must be an array of {trace_id, id, attributes} objects", valDescribe(v))
		return
	}
	if len(a) > MaxLinks {
		c.addf("links", field, "%d links, more than the %d allowed per (sub)segment", len(a), MaxLinks)
	}
	for i, e := range a {
		lf := field.index(i)
		m, ok := c.object("links", lf, e)
		if !ok {
			continue
		}
		for _, k := range []string{"trace_id", "id"} {
			if _, present := m[k]; !present {
				c.add("links", lf.join(k), "missing; a link needs trace_id and id")
			}
		}
		for _, k := range valSortedKeys(m) {
			f, val := lf.join(k), m[k]
			switch k {
			case "trace_id":
				c.traceID(f, val)
			case "id":
				c.id(f, val)
			case "attributes":
				attrs, ok := c.object("links", f, val)
				if !ok {
					continue
				}
				for _, ak := range valSortedKeys(attrs) {
					switch attrs[ak].(type) {
					case string, json.Number, bool:
					default:
						c.addf("links", f.join(ak), "attribute is %s; it must be a string, number or boolean", valDescribe(attrs[ak]))
					}
				}
			default:
				c.addf("links", f, "unknown key %s; a link has trace_id, id and attributes", valQuote(k))
			}
		}
	}
}

// stringLengths reports every string in v longer than MaxStringLen.
func (c *valChecker) stringLengths(field *valPath, v any) {
	switch x := v.(type) {
	case string:
		if len(x) > MaxStringLen { // cheap pre-check: runes <= bytes
			if n := utf8.RuneCountInString(x); n > MaxStringLen {
				c.addf("string-length", field, "string has %d characters, more than %d", n, MaxStringLen)
			}
		}
	case map[string]any:
		for _, k := range valSortedKeys(x) {
			c.stringLengths(field.join(k), x[k])
		}
	case []any:
		for i, e := range x {
			c.stringLengths(field.index(i), e)
		}
	}
}
