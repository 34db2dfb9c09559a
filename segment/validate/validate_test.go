package validate

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testHeader is the header line and its newline.
const testHeader = headerLine + "\n"

// hasProblem reports whether err is a *Error with a problem of the
// given rule at the given field.
func hasProblem(err error, rule, field string) bool {
	var verr *Error
	if !errors.As(err, &verr) {
		return false
	}
	for _, p := range verr.Problems {
		if p.Rule == Rule(rule) && p.Field == field {
			return true
		}
	}
	return false
}

// del as a value in set removes the key.
var del = new(int)

// set returns a modification that sets (or, with del, removes) the
// given key/value pairs.
func set(kv ...any) func(map[string]any) {
	return func(m map[string]any) {
		for i := 0; i+1 < len(kv); i += 2 {
			k := kv[i].(string)
			if kv[i+1] == del {
				delete(m, k)
				continue
			}
			m[k] = kv[i+1]
		}
	}
}

// segmentDoc returns a minimal valid segment, modified.
func segmentDoc(mods ...func(map[string]any)) map[string]any {
	m := map[string]any{
		"name":       "checkout",
		"id":         "70de5b6f19ff9a0a",
		"trace_id":   "1-5759e988-bd862e3fe1be46a994272793",
		"start_time": json.Number("1700000000.123456"),
		"end_time":   json.Number("1700000000.5"),
	}
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// nested returns a minimal valid nested subsegment, modified.
func nested(mods ...func(map[string]any)) map[string]any {
	m := map[string]any{
		"name":       "DynamoDB",
		"id":         "2222222222222222",
		"start_time": json.Number("1700000000.2"),
		"end_time":   json.Number("1700000000.3"),
	}
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// independentDoc returns a minimal valid independent subsegment, modified.
func independentDoc(mods ...func(map[string]any)) map[string]any {
	m := nested(set(
		"type", "subsegment",
		"trace_id", "1-5759e988-bd862e3fe1be46a994272793",
		"parent_id", "70de5b6f19ff9a0a",
	))
	for _, mod := range mods {
		mod(m)
	}
	return m
}

// jsonOf encodes a document compactly.
func jsonOf(m map[string]any) string {
	b, err := json.Marshal(m)
	if err != nil {
		panic(err)
	}
	return string(b)
}

// dgram is a datagram with the segment built from mods.
func dgram(mods ...func(map[string]any)) string {
	return testHeader + jsonOf(segmentDoc(mods...))
}

// sub is a datagram with a segment whose only subsegment is built from
// mods.
func sub(mods ...func(map[string]any)) string {
	return dgram(set("subsegments", []any{nested(mods...)}))
}

// indep is a datagram with an independent subsegment built from mods.
func indep(mods ...func(map[string]any)) string {
	return testHeader + jsonOf(independentDoc(mods...))
}

// padded returns a valid datagram of exactly n bytes, padded in metadata
// (which has no length limit).
func padded(n int) string {
	base := dgram(set("metadata", map[string]any{"default": map[string]any{"pad": ""}}))
	return strings.Replace(base, `"pad":""`, `"pad":"`+strings.Repeat("x", n-len(base))+`"`, 1)
}

// testCase is one input with the problems it must (or must not) produce.
type testCase struct {
	name string
	in   string
	via  string // "" Validate, "datagram" Datagram, "document" Document
	ok   bool
	want [][2]string // rule, field
}

func repeat(s string, n int) string { return strings.Repeat(s, n) }

var minimalDoc = jsonOf(segmentDoc())

var testCases = []testCase{
	// Valid inputs.
	{name: "minimal segment datagram", in: dgram(), ok: true},
	{name: "minimal segment document", in: minimalDoc, ok: true},
	{name: "minimal segment via Document", in: minimalDoc, via: "document", ok: true},
	{name: "independent subsegment with nested subsegments", ok: true, in: indep(set(
		"namespace", "remote",
		"subsegments", []any{
			nested(set("namespace", "aws", "subsegments", []any{
				nested(set("id", "3333333333333333", "name", "inner")),
				nested(set("id", "4444444444444444", "name", "inner 2", "type", "subsegment")),
			})),
		},
	))},
	{name: "in_progress without end_time", ok: true, in: dgram(set("end_time", del, "in_progress", true))},
	{name: "header keys in other order with spaces", via: "datagram", ok: true, in: `{ "version": 1, "format": "json" }` + "\n" + minimalDoc},
	{name: "CRLF header", ok: true, in: `{"format":"json","version":1}` + "\r\n" + minimalDoc},
	{name: "64000-byte datagram", ok: true, in: padded(maxDatagramSize)},
	{name: "unicode name of 200 runes", ok: true, in: dgram(set("name", repeat("東", maxNameLen)))},
	{name: "name with all allowed symbols", ok: true, in: dgram(set("name", `Café 1_.:/%&#=+\-@x`))},
	{name: "sql with placeholder password", ok: true, in: sub(set("sql", map[string]any{
		"sanitized_query": "UPDATE users SET password = ? WHERE pwd=$1",
		"url":             "postgres://app@db:5432/x",
	}))},
	{name: "annotation value of 1000 chars", ok: true, in: dgram(set("annotations", map[string]any{"k": repeat("a", maxAnnotationValueLen)}))},
	{name: "long metadata string", ok: true, in: dgram(set("metadata", map[string]any{"default": map[string]any{"s": repeat("a", 5000)}}))},
	{name: "throttle with error", ok: true, in: dgram(set("throttle", true, "error", true))},
	{name: "time with exponent", ok: true, in: dgram(set("start_time", json.Number("1.7e9"), "end_time", json.Number("1.7000000001234e9")))},

	// header
	{name: "no header", via: "datagram", in: minimalDoc, want: [][2]string{{"header", ""}}},
	{name: "no header, document lines", via: "datagram", in: minimalDoc + "\n" + minimalDoc, want: [][2]string{{"header", ""}}},
	{name: "bad header version", in: `{"format":"json","version":2}` + "\n" + minimalDoc, want: [][2]string{{"header", ""}}},
	{name: "bad header format", in: `{"format":"xml","version":1}` + "\n" + minimalDoc, want: [][2]string{{"header", ""}}},
	{name: "header not JSON", in: `{"format" json}` + "\n" + minimalDoc, want: [][2]string{{"header", ""}}},
	{name: "header without newline", via: "datagram", in: `{"format":"json","version":1}`, want: [][2]string{{"header", ""}, {"one-document", ""}}},
	{name: "header only", in: testHeader, want: [][2]string{{"one-document", ""}}},

	// size
	{name: "65507-byte datagram", in: padded(65507), want: [][2]string{{"size", ""}}},
	{name: "64001-byte datagram", in: padded(maxDatagramSize + 1), want: [][2]string{{"size", ""}}},
	{name: "oversized document", via: "document", in: strings.TrimPrefix(padded(maxDatagramSize+1), testHeader), want: [][2]string{{"size", ""}}},

	// one-document
	{name: "two documents", in: testHeader + minimalDoc + minimalDoc, want: [][2]string{{"one-document", ""}}},
	{name: "two documents on two lines", in: testHeader + minimalDoc + "\n" + minimalDoc, want: [][2]string{{"one-document", ""}}},
	{name: "trailing newline", in: testHeader + minimalDoc + "\n", want: [][2]string{{"one-document", ""}}},
	{name: "trailing garbage", in: testHeader + minimalDoc + "}", want: [][2]string{{"one-document", ""}}},
	{name: "body is an array", in: testHeader + `[1,2]`, want: [][2]string{{"one-document", ""}}},
	{name: "body is whitespace", in: testHeader + " ", want: [][2]string{{"one-document", ""}}},
	{name: "empty document", via: "document", in: "", want: [][2]string{{"one-document", ""}}},

	// json
	{name: "invalid JSON", in: testHeader + `{"name":"x",`, want: [][2]string{{"json", ""}}},
	{name: "invalid JSON syntax", in: testHeader + `{"name" "x"}`, want: [][2]string{{"json", ""}}},
	{name: "NaN literal", in: strings.Replace(dgram(), `"start_time":1700000000.123456`, `"start_time":NaN`, 1), want: [][2]string{{"json", ""}}},
	{name: "Infinity literal", in: strings.Replace(dgram(), `"end_time":1700000000.5`, `"end_time":Infinity`, 1), want: [][2]string{{"json", ""}}},

	// utf8
	{name: "invalid UTF-8", in: strings.Replace(dgram(set("metadata", map[string]any{"default": map[string]any{"s": "abc"}})), "abc", "a\xffc", 1),
		want: [][2]string{{"utf8", ""}}},

	// compact
	{name: "not compact", in: testHeader + strings.Replace(minimalDoc, `,"id"`, `, "id"`, 1), want: [][2]string{{"compact", ""}}},
	{name: "leading whitespace", in: testHeader + " " + minimalDoc, want: [][2]string{{"compact", ""}}},

	// required
	{name: "missing name", in: dgram(set("name", del)), want: [][2]string{{"required", "name"}}},
	{name: "missing id", in: dgram(set("id", del)), want: [][2]string{{"required", "id"}}},
	{name: "missing start_time", in: dgram(set("start_time", del)), want: [][2]string{{"required", "start_time"}}},
	{name: "missing end_time", in: dgram(set("end_time", del)), want: [][2]string{{"required", "end_time"}}},
	{name: "in_progress false without end_time", in: dgram(set("end_time", del, "in_progress", false)), want: [][2]string{{"required", "end_time"}}},
	{name: "nested missing id", in: sub(set("id", del)), want: [][2]string{{"required", "subsegments[0].id"}}},

	// name
	{name: "empty name", in: dgram(set("name", "")), want: [][2]string{{"name", "name"}}},
	{name: "long name", in: dgram(set("name", repeat("a", maxNameLen+1))), want: [][2]string{{"name", "name"}}},
	{name: "name with bad character", in: dgram(set("name", "checkout!")), want: [][2]string{{"name", "name"}}},
	{name: "name not a string", in: dgram(set("name", 7)), want: [][2]string{{"name", "name"}}},
	{name: "nested name with bad character", in: sub(set("name", "a<b>")), want: [][2]string{{"name", "subsegments[0].name"}}},

	// id
	{name: "upper-case id", in: dgram(set("id", "70DE5B6F19FF9A0A")), want: [][2]string{{"id", "id"}}},
	{name: "short id", in: dgram(set("id", "70de5b6f")), want: [][2]string{{"id", "id"}}},
	{name: "zero id", in: dgram(set("id", "0000000000000000")), want: [][2]string{{"id", "id"}}},
	{name: "numeric id", in: dgram(set("id", 12)), want: [][2]string{{"id", "id"}}},
	{name: "bad parent_id", in: dgram(set("parent_id", "xyz")), want: [][2]string{{"id", "parent_id"}}},
	{name: "bad cause id", in: dgram(set("cause", "nothex")), want: [][2]string{{"id", "cause"}}},
	{name: "bad precursor id", in: sub(set("precursor_ids", []any{"2222222222222222", "2"})), want: [][2]string{{"id", "subsegments[0].precursor_ids[1]"}}},

	// trace_id
	{name: "upper-case trace_id", in: dgram(set("trace_id", "1-5759E988-bd862e3fe1be46a994272793")), want: [][2]string{{"trace_id", "trace_id"}}},
	{name: "trace_id version 2", in: dgram(set("trace_id", "2-5759e988-bd862e3fe1be46a994272793")), want: [][2]string{{"trace_id", "trace_id"}}},
	{name: "OTel trace id", in: dgram(set("trace_id", "5759e988bd862e3fe1be46a994272793")), want: [][2]string{{"trace_id", "trace_id"}}},

	// time
	{name: "string time", in: dgram(set("start_time", "1700000000")), want: [][2]string{{"time", "start_time"}}},
	{name: "null time", in: dgram(set("end_time", nil)), want: [][2]string{{"time", "end_time"}}},
	{name: "negative time", in: dgram(set("start_time", json.Number("-1"))), want: [][2]string{{"time", "start_time"}}},
	{name: "nanosecond time", in: dgram(set("end_time", json.Number("1700000000.5000001"))), want: [][2]string{{"time", "end_time"}}},
	{name: "time with exponent and 7 decimals", in: dgram(set("end_time", json.Number("1.7000000001234567e9"))), want: [][2]string{{"time", "end_time"}}},
	{name: "overflowing time", in: dgram(set("end_time", json.Number("1e400"))), want: [][2]string{{"time", "end_time"}}},
	{name: "end before start", in: dgram(set("end_time", json.Number("1700000000"))), want: [][2]string{{"time", "end_time"}}},
	{name: "in_progress not bool", in: dgram(set("in_progress", "yes")), want: [][2]string{{"time", "in_progress"}}},

	// independent
	{name: "segment without trace_id", in: dgram(set("trace_id", del)), want: [][2]string{{"independent", "trace_id"}}},
	{name: "independent subsegment without parent_id", in: indep(set("parent_id", del)), want: [][2]string{{"independent", "parent_id"}}},
	{name: "independent subsegment without trace_id", in: indep(set("trace_id", del)), want: [][2]string{{"independent", "trace_id"}}},
	{name: "type segment", in: dgram(set("type", "segment")), want: [][2]string{{"independent", "type"}}},
	{name: "nested bad type", in: sub(set("type", "remote")), want: [][2]string{{"independent", "subsegments[0].type"}}},

	// namespace
	{name: "namespace on segment", in: dgram(set("namespace", "remote")), want: [][2]string{{"namespace", "namespace"}}},
	{name: "bad namespace", in: sub(set("namespace", "AWS")), want: [][2]string{{"namespace", "subsegments[0].namespace"}}},
	{name: "bad namespace on independent subsegment", in: indep(set("namespace", "local")), want: [][2]string{{"namespace", "namespace"}}},

	// origin
	{name: "bad origin", in: dgram(set("origin", "AWS::Lambda::Thing")), want: [][2]string{{"origin", "origin"}}},
	{name: "Lambda's own function segment", ok: true, in: dgram(set("origin", "AWS::Lambda::Function"))},
	{name: "origin on subsegment", in: indep(set("origin", "AWS::EC2::Instance")), want: [][2]string{{"origin", "origin"}}},

	// http
	{name: "http not an object", in: dgram(set("http", "GET /")), want: [][2]string{{"http", "http"}}},
	{name: "http method not a string", in: dgram(set("http", map[string]any{"request": map[string]any{"method": 1}})), want: [][2]string{{"http", "http.request.method"}}},
	{name: "http traced not a bool", in: sub(set("http", map[string]any{"request": map[string]any{"traced": "true"}})), want: [][2]string{{"http", "subsegments[0].http.request.traced"}}},
	{name: "http unknown request key", in: dgram(set("http", map[string]any{"request": map[string]any{"headers": map[string]any{}}})), want: [][2]string{{"http", "http.request.headers"}}},
	{name: "http status 99", in: dgram(set("http", map[string]any{"response": map[string]any{"status": 99}})), want: [][2]string{{"http", "http.response.status"}}},
	{name: "http status string", in: dgram(set("http", map[string]any{"response": map[string]any{"status": "200"}})), want: [][2]string{{"http", "http.response.status"}}},
	{name: "http status float", in: dgram(set("http", map[string]any{"response": map[string]any{"status": 200.5}})), want: [][2]string{{"http", "http.response.status"}}},
	{name: "http negative content_length", in: dgram(set("http", map[string]any{"response": map[string]any{"content_length": -1}})), want: [][2]string{{"http", "http.response.content_length"}}},
	{name: "http unknown response key", in: dgram(set("http", map[string]any{"response": map[string]any{"code": 200}})), want: [][2]string{{"http", "http.response.code"}}},
	{name: "http unknown key", in: dgram(set("http", map[string]any{"req": map[string]any{}})), want: [][2]string{{"http", "http.req"}}},

	// aws
	{name: "aws not an object", in: sub(set("aws", []any{})), want: [][2]string{{"aws", "subsegments[0].aws"}}},
	{name: "aws key not snake_case", in: sub(set("aws", map[string]any{"TableName": "t"})), want: [][2]string{{"aws", "subsegments[0].aws.TableName"}}},
	{name: "aws table_name not a string", in: sub(set("aws", map[string]any{"table_name": 5})), want: [][2]string{{"aws", "subsegments[0].aws.table_name"}}},
	{name: "aws table_names not strings", in: sub(set("aws", map[string]any{"table_names": []any{"a", 1}})), want: [][2]string{{"aws", "subsegments[0].aws.table_names[1]"}}},
	{name: "aws negative retries", in: sub(set("aws", map[string]any{"retries": -1})), want: [][2]string{{"aws", "subsegments[0].aws.retries"}}},
	{name: "aws ec2 value not a string", in: dgram(set("aws", map[string]any{"ec2": map[string]any{"instance_id": 1}})), want: [][2]string{{"aws", "aws.ec2.instance_id"}}},
	{name: "aws xray auto_instrumentation not bool", in: dgram(set("aws", map[string]any{"xray": map[string]any{"auto_instrumentation": "no"}})), want: [][2]string{{"aws", "aws.xray.auto_instrumentation"}}},
	{name: "aws cloudwatch_logs not an array", in: dgram(set("aws", map[string]any{"cloudwatch_logs": map[string]any{}})), want: [][2]string{{"aws", "aws.cloudwatch_logs"}}},
	{name: "aws cloudwatch_logs log_group not a string", in: dgram(set("aws", map[string]any{"cloudwatch_logs": []any{map[string]any{"log_group": 1}}})), want: [][2]string{{"aws", "aws.cloudwatch_logs[0].log_group"}}},
	{name: "aws account_id not a string", in: dgram(set("aws", map[string]any{"account_id": 123456789012})), want: [][2]string{{"aws", "aws.account_id"}}},

	// sql
	{name: "sql unknown key", in: sub(set("sql", map[string]any{"query": "SELECT 1"})), want: [][2]string{{"sql", "subsegments[0].sql.query"}}},
	{name: "sql value not a string", in: sub(set("sql", map[string]any{"user": 1})), want: [][2]string{{"sql", "subsegments[0].sql.user"}}},
	{name: "sql bad preparation", in: sub(set("sql", map[string]any{"preparation": "prepared"})), want: [][2]string{{"sql", "subsegments[0].sql.preparation"}}},
	{name: "sql password in connection string", in: sub(set("sql", map[string]any{"connection_string": "Server=db;User Id=app;Password=hunter2"})), want: [][2]string{{"sql", "subsegments[0].sql.connection_string"}}},
	{name: "sql pwd in connection string", in: sub(set("sql", map[string]any{"connection_string": "server=db;PWD=hunter2"})), want: [][2]string{{"sql", "subsegments[0].sql.connection_string"}}},
	{name: "sql password in URL", in: sub(set("sql", map[string]any{"url": "postgres://app:hunter2@db:5432/x"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql password in MySQL DSN", in: sub(set("sql", map[string]any{"url": "app:hunter2@tcp(db:3306)/x"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	// What the Collector's X-Ray receiver cannot split into URL and database (issue 12).
	{name: "sql schemeless url", in: sub(set("sql", map[string]any{"url": "db.internal:5432/shop"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql SQL Server string as url", in: sub(set("sql", map[string]any{"url": "Server=db;Database=shop"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql Oracle thin url", in: sub(set("sql", map[string]any{"url": "jdbc:oracle:thin:@db:1521/ORCL"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url without a database", in: sub(set("sql", map[string]any{"url": "postgres://db:5432"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url with an empty database", in: sub(set("sql", map[string]any{"url": "postgres://db:5432/"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url with only a query", in: sub(set("sql", map[string]any{"url": "postgres://db:5432/?x=1"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url with a line break", in: sub(set("sql", map[string]any{"url": "postgres://db\n:5432/shop"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url not a string", in: sub(set("sql", map[string]any{"url": 1})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url with a token", in: sub(set("sql", map[string]any{"url": "postgres://db/shop?token=abc"})), want: [][2]string{{"sql", "subsegments[0].sql.url"}}},
	{name: "sql url with database and query", ok: true, in: sub(set("sql", map[string]any{"url": "jdbc:postgresql://db:5432/ebdb?myInterceptor=foo"}))},
	{name: "sql Oracle service url", ok: true, in: sub(set("sql", map[string]any{"url": "jdbc:oracle:thin:@//db:1521/ORCL"}))},
	{name: "sql locators in connection_string", ok: true, in: sub(set("sql", map[string]any{
		"connection_string": "Server=db;Database=shop;Password=REDACTED", "url": "mysql://db:3306/shop"}))},
	{name: "sql literal in a query is the instrumentation's business", ok: true, in: sub(set("sql", map[string]any{"sanitized_query": "ALTER USER app WITH password='x'"}))},

	// flags
	{name: "error not bool", in: dgram(set("error", "true")), want: [][2]string{{"flags", "error"}}},
	{name: "fault not bool", in: dgram(set("fault", 1)), want: [][2]string{{"flags", "fault"}}},
	{name: "throttle without error", in: dgram(set("throttle", true)), want: [][2]string{{"flags", "throttle"}}},

	// cause
	{name: "cause number", in: dgram(set("cause", 1)), want: [][2]string{{"cause", "cause"}}},
	{name: "cause unknown key", in: dgram(set("cause", map[string]any{"message": "x"})), want: [][2]string{{"cause", "cause.message"}}},
	{name: "cause paths not strings", in: dgram(set("cause", map[string]any{"paths": []any{1}})), want: [][2]string{{"cause", "cause.paths[0]"}}},
	{name: "exception without id", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"message": "boom"}}})), want: [][2]string{{"cause", "cause.exceptions[0].id"}}},
	{name: "exception bad id", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "ABC"}}})), want: [][2]string{{"id", "cause.exceptions[0].id"}}},
	{name: "exception bad cause", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "0b1c2d3e4f506172", "cause": 3}}})), want: [][2]string{{"id", "cause.exceptions[0].cause"}}},
	{name: "exception truncated string", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "0b1c2d3e4f506172", "truncated": "2"}}})), want: [][2]string{{"cause", "cause.exceptions[0].truncated"}}},
	{name: "exception negative line", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "0b1c2d3e4f506172", "stack": []any{map[string]any{"path": "a.go", "line": -1}}}}})), want: [][2]string{{"cause", "cause.exceptions[0].stack[0].line"}}},
	{name: "exception remote not bool", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "0b1c2d3e4f506172", "remote": "yes"}}})), want: [][2]string{{"cause", "cause.exceptions[0].remote"}}},

	// annotations
	{name: "annotations not an object", in: dgram(set("annotations", []any{})), want: [][2]string{{"annotations", "annotations"}}},
	{name: "annotation key with dash", in: dgram(set("annotations", map[string]any{"my-key": "v"})), want: [][2]string{{"annotations", "annotations.my-key"}}},
	{name: "annotation key too long", in: dgram(set("annotations", map[string]any{repeat("k", maxAnnotationKeyLen+1): 1})), want: [][2]string{{"annotations", "annotations." + repeat("k", maxAnnotationKeyLen+1)}}},
	{name: "annotation null", in: dgram(set("annotations", map[string]any{"k": nil})), want: [][2]string{{"annotations", "annotations.k"}}},
	{name: "annotation array", in: sub(set("annotations", map[string]any{"k": []any{1}})), want: [][2]string{{"annotations", "subsegments[0].annotations.k"}}},
	{name: "annotation value too long", in: dgram(set("annotations", map[string]any{"k": repeat("a", maxAnnotationValueLen+1)})), want: [][2]string{{"annotations", "annotations.k"}}},

	// metadata
	{name: "metadata not an object", in: dgram(set("metadata", "x")), want: [][2]string{{"metadata", "metadata"}}},
	{name: "metadata namespace not an object", in: dgram(set("metadata", map[string]any{"default": "x"})), want: [][2]string{{"metadata", "metadata.default"}}},
	{name: "metadata reserved namespace", in: dgram(set("metadata", map[string]any{"AWS.otel": map[string]any{}})), want: [][2]string{{"metadata", "metadata.AWS.otel"}}},

	// links
	{name: "links not an array", in: dgram(set("links", map[string]any{})), want: [][2]string{{"links", "links"}}},
	{name: "too many links", in: dgram(set("links", links(maxLinks+1))), want: [][2]string{{"links", "links"}}},
	{name: "link without trace_id", in: dgram(set("links", []any{map[string]any{"id": "1111111111111111"}})), want: [][2]string{{"links", "links[0].trace_id"}}},
	{name: "link bad trace_id", in: dgram(set("links", []any{map[string]any{"id": "1111111111111111", "trace_id": "1-2-3"}})), want: [][2]string{{"trace_id", "links[0].trace_id"}}},
	{name: "link bad id", in: dgram(set("links", []any{map[string]any{"id": "1", "trace_id": "1-5759e988-bd862e3fe1be46a994272793"}})), want: [][2]string{{"id", "links[0].id"}}},
	{name: "link attribute object", in: dgram(set("links", []any{map[string]any{"id": "1111111111111111", "trace_id": "1-5759e988-bd862e3fe1be46a994272793", "attributes": map[string]any{"a": map[string]any{}}}})), want: [][2]string{{"links", "links[0].attributes.a"}}},

	// subsegments
	{name: "subsegments not an array", in: dgram(set("subsegments", map[string]any{})), want: [][2]string{{"subsegments", "subsegments"}}},
	{name: "subsegment not an object", in: dgram(set("subsegments", []any{"x"})), want: [][2]string{{"subsegments", "subsegments[0]"}}},
	{name: "deeply nested problem", in: sub(set("subsegments", []any{nested(), nested(set("id", "bad"))})), want: [][2]string{{"id", "subsegments[0].subsegments[1].id"}}},

	// user, service, resource_arn, precursor_ids
	{name: "user on subsegment", in: sub(set("user", "alice")), want: [][2]string{{"user", "subsegments[0].user"}}},
	{name: "user on independent subsegment", in: indep(set("user", "alice")), want: [][2]string{{"user", "user"}}},
	{name: "user not a string", in: dgram(set("user", 1)), want: [][2]string{{"user", "user"}}},
	{name: "service version not a string", in: dgram(set("service", map[string]any{"version": 1})), want: [][2]string{{"service", "service.version"}}},
	{name: "service not an object", in: dgram(set("service", "v1")), want: [][2]string{{"service", "service"}}},
	{name: "resource_arn not a string", in: dgram(set("resource_arn", false)), want: [][2]string{{"resource_arn", "resource_arn"}}},
	{name: "precursor_ids not an array", in: sub(set("precursor_ids", "2222222222222222")), want: [][2]string{{"precursor_ids", "subsegments[0].precursor_ids"}}},

	// string-length
	{name: "long URL", in: dgram(set("http", map[string]any{"request": map[string]any{"url": "https://x/" + repeat("a", maxStringLen)}})), want: [][2]string{{"string-length", "http.request.url"}}},
	{name: "long exception message", in: dgram(set("cause", map[string]any{"exceptions": []any{map[string]any{"id": "0b1c2d3e4f506172", "message": repeat("é", maxStringLen+1)}}})), want: [][2]string{{"string-length", "cause.exceptions[0].message"}}},
	{name: "long nested aws value", in: sub(set("aws", map[string]any{"key_name": repeat("k", maxStringLen+1)})), want: [][2]string{{"string-length", "subsegments[0].aws.key_name"}}},

	// field
	{name: "unknown field", in: dgram(set("foo", 1)), want: [][2]string{{"field", "foo"}}},
	{name: "unknown nested field", in: sub(set("Name", "x")), want: [][2]string{{"field", "subsegments[0].Name"}}},
}

// links returns n valid links.
func links(n int) []any {
	links := make([]any, n)
	for i := range links {
		links[i] = map[string]any{"trace_id": "1-5759e988-bd862e3fe1be46a994272793", "id": "1111111111111111"}
	}
	return links
}

// run validates c.in the way the case asks for.
func run(c testCase) error {
	switch c.via {
	case "datagram":
		return Datagram([]byte(c.in))
	case "document":
		return Document([]byte(c.in))
	default:
		return Auto([]byte(c.in))
	}
}

func TestValidate(t *testing.T) {
	for _, c := range testCases {
		t.Run(c.name, func(t *testing.T) {
			err := run(c)
			if c.ok {
				if err != nil {
					t.Fatalf("want valid, got %v\nall: %v", err, all(err))
				}
				return
			}
			if err == nil {
				t.Fatalf("want problems %v, got nil", c.want)
			}
			var verr *Error
			if !errors.As(err, &verr) {
				t.Fatalf("error is %T, want *Error", err)
			}
			for _, w := range c.want {
				if !hasProblem(err, w[0], w[1]) {
					t.Errorf("missing problem rule %q field %q; got:\n%s", w[0], w[1], all(err))
				}
			}
		})
	}
}

// TestValidateOnlyExpected checks that the failing cases built from a valid
// document report nothing but the broken rule, so rules do not fire on
// valid parts.
func TestValidateOnlyExpected(t *testing.T) {
	for _, c := range testCases {
		if c.ok || c.name == "header without newline" {
			continue
		}
		err := run(c)
		var verr *Error
		if !errors.As(err, &verr) {
			continue
		}
		for _, p := range verr.Problems {
			found := false
			for _, w := range c.want {
				found = found || Rule(w[0]) == p.Rule
			}
			if !found {
				t.Errorf("%s: unexpected problem %v", c.name, p)
			}
		}
	}
}

func all(err error) string {
	var verr *Error
	if !errors.As(err, &verr) {
		return "<no Error>"
	}
	var sb strings.Builder
	for _, p := range verr.Problems {
		sb.WriteString("  " + p.String() + "\n")
	}
	return sb.String()
}

func TestValidateTestdata(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "valid", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no testdata: %v", err)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if err := Auto(b); err != nil {
			t.Errorf("%s as document: %v\n%s", f, err, all(err))
		}
		if err := Auto(append([]byte(testHeader), b...)); err != nil {
			t.Errorf("%s as datagram: %v\n%s", f, err, all(err))
		}
	}
}

func TestValidateProblemCap(t *testing.T) {
	m := segmentDoc()
	for i := range 300 {
		m["unknown_"+strings.Repeat("x", i)] = i
	}
	err := Auto([]byte(testHeader + jsonOf(m)))
	var verr *Error
	if !errors.As(err, &verr) {
		t.Fatalf("got %v", err)
	}
	if len(verr.Problems) != maxProblems {
		t.Errorf("got %d problems, want %d", len(verr.Problems), maxProblems)
	}
	if want := "(and 99 more)"; !strings.HasSuffix(verr.Error(), want) {
		t.Errorf("Error() = %q, want suffix %q", verr.Error(), want)
	}
}

func TestValidateDeterministic(t *testing.T) {
	in := []byte(dgram(set("id", "X", "trace_id", "Y", "foo", 1, "bar", 2,
		"annotations", map[string]any{"a-b": nil, "c-d": []any{}, "e": 1})))
	first := all(Auto(in))
	for range 20 {
		if got := all(Auto(in)); got != first {
			t.Fatalf("problem order changed:\n%s\nvs\n%s", first, got)
		}
	}
}

func TestProblemString(t *testing.T) {
	p := Problem{Rule: "id", Field: "subsegments[0].id", Msg: "bad"}
	if got, want := p.String(), "subsegments[0].id: bad [id]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	p = Problem{Rule: "size", Msg: "too big"}
	if got, want := p.String(), "too big [size]"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	e := &Error{Problems: []Problem{p}}
	if got, want := e.Error(), "too big [size]"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
	e.Problems = append(e.Problems, p, p)
	if got, want := e.Error(), "too big [size] (and 2 more)"; got != want {
		t.Errorf("Error() = %q, want %q", got, want)
	}
}

func TestValidateDispatch(t *testing.T) {
	// A bare document with a newline inside a string is still a document.
	doc := jsonOf(segmentDoc(set("metadata", map[string]any{"default": map[string]any{"s": "a\nb"}})))
	if err := Auto([]byte(doc)); err != nil {
		t.Errorf("document: %v", err)
	}
	// A bare document is no datagram.
	if err := Datagram([]byte(doc)); !hasProblem(err, "header", "") {
		t.Errorf("Datagram(document) = %v, want a header problem", err)
	}
	// A datagram is no document.
	if err := Document([]byte(dgram())); err == nil {
		t.Error("Document(datagram) = nil, want problems")
	}
}

func TestValidateNilOnSuccess(t *testing.T) {
	// A nil error must be an untyped nil, not a nil *Error.
	if err := Document([]byte(minimalDoc)); err != nil {
		t.Errorf("got %#v, want nil", err)
	}
	if err := Datagram([]byte(dgram())); err != nil {
		t.Errorf("got %#v, want nil", err)
	}
}

func TestDecimals(t *testing.T) {
	for in, want := range map[string]int{
		"1700000000":          0,
		"1700000000.123456":   6,
		"1700000000.1234567":  7,
		"1.5000000":           7,
		"1.7e9":               0,
		"1.7000000001234e9":   4,
		"1.70000000012345e+9": 5,
		"15E-1":               1,
		"0e9999999":           0,
		"-0":                  0,
	} {
		if got := decimals(in); got != want {
			t.Errorf("decimals(%q) = %d, want %d", in, got, want)
		}
	}
	if got := decimals("0e-9999999"); got <= 6 {
		t.Errorf("decimals(0e-9999999) = %d, want > 6", got)
	}
}

func TestValidateDuplicateKeys(t *testing.T) {
	tests := []struct{ doc, path string }{
		{`{"name":"a","id":"0123456789abcdef","name":"b"}`, "name"},
		{`{"metadata":{"default":{"k":1,"k":2}}}`, "metadata.default.k"},
		{`{"subsegments":[{"a":1},{"aws":{"x":[1,{"y":1,"y":2}]}}]}`, "subsegments[1].aws.x[1].y"},
		{`{"a":{"b":1},"c":{"b":1}}`, ""},
		{`{"a":[[],{},[{"k":1}],{"k":2}],"k":3}`, ""},
	}
	for _, tc := range tests {
		path, dup, _ := scan([]byte(tc.doc))
		if path != tc.path || dup != (tc.path != "") {
			t.Errorf("scan(%s) = %q, %v; want %q", tc.doc, path, dup, tc.path)
		}
	}
	err := Document([]byte(`{"name":"a","id":"0123456789abcdef","trace_id":"1-5759e988-bd862e3fe1be46a994272793","start_time":1,"end_time":2,"metadata":{"default":{"k":1,"k":2}}}`))
	if !hasProblem(err, "duplicate-key", "") {
		t.Errorf("duplicate key not reported: %v", err)
	}
}
