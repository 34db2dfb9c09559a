package validate

import (
	"encoding/json"
	"strings"
)

// testCases are the inputs of TestValidate and TestValidateOnlyExpected.
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
