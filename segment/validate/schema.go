package validate

import (
	"math"

	"github.com/otelxray/otelxray/internal/origin"
)

// The X-Ray document schema as data. A field's rule defaults to the rule of
// the object holding it; formats and the checks of documentSchema are in
// formats.go and document.go.

// Values used in many places.
var (
	anyJSON  = &spec{kind: anyValue}
	str      = &spec{kind: stringValue, want: "a string"}
	boolean  = &spec{kind: boolValue, want: "true or false"}
	count    = &spec{kind: intValue, min: 0, max: math.MaxInt64, want: "a non-negative integer"}
	strs     = &spec{kind: arrayValue, elem: str, want: "an array of strings"}
	idSpec   = &spec{kind: stringValue, rule: RuleID, format: formatID, want: "an id"}
	traceID  = &spec{kind: stringValue, rule: RuleTraceID, format: formatTraceID, want: "a trace id"}
	timeSpec = &spec{kind: numberValue, rule: RuleTime, format: formatTime, want: "a time"}
	scalar   = &spec{kind: scalarValue, want: "a string, number or boolean"}
)

// origins are the accepted values of a segment's origin: those SDKs set,
// and the two of the segments Lambda itself sends for a traced function
// (code in the function never sends those).
var origins = origin.All()

// documentSchema is a segment or subsegment document.
var documentSchema = object{
	unknown: RuleField,
	missing: RuleRequired,
	needs:   "name, id, start_time and end_time (or in_progress:true)",
	fields: []field{
		{key: "type", rule: RuleIndependent, spec: &spec{kind: stringValue, oneOf: []string{"subsegment"},
			want: `"subsegment" (leave it out for a segment)`}},
		{key: "name", rule: RuleName, required: true, spec: &spec{kind: stringValue, format: formatName, unlimited: true, want: "a name"}},
		{key: "id", rule: RuleID, required: true, spec: idSpec},
		{key: "parent_id", rule: RuleID, spec: idSpec},
		{key: "trace_id", rule: RuleTraceID, spec: traceID},
		{key: "start_time", rule: RuleTime, required: true, spec: timeSpec},
		{key: "end_time", rule: RuleTime, spec: timeSpec},
		{key: "in_progress", rule: RuleTime, spec: boolean},
		{key: "namespace", rule: RuleNamespace, only: subsegmentsOnly, spec: &spec{kind: stringValue, oneOf: []string{"aws", "remote"},
			want: `"aws" (AWS SDK calls) or "remote" (other downstream calls)`}},
		{key: "origin", rule: RuleOrigin, only: segmentsOnly, spec: &spec{kind: stringValue, oneOf: origins}},
		{key: "user", rule: RuleUser, only: segmentsOnly, spec: str},
		{key: "service", rule: RuleService, spec: &spec{kind: objectValue, want: "an object of strings", obj: &object{noun: "service", other: str}}},
		{key: "resource_arn", rule: RuleResourceARN, spec: &spec{kind: stringValue, want: "a string ARN"}},
		{key: "http", rule: RuleHTTP, spec: &spec{kind: objectValue, want: "an object", obj: &httpSchema}},
		{key: "aws", rule: RuleAWS, spec: &spec{kind: objectValue, want: "an object", obj: &awsSchema}},
		{key: "sql", rule: RuleSQL, spec: &spec{kind: objectValue, want: "an object", obj: &sqlSchema}},
		{key: "error", rule: RuleFlags, spec: boolean},
		{key: "throttle", rule: RuleFlags, spec: boolean},
		{key: "fault", rule: RuleFlags, spec: boolean},
		{key: "cause", rule: RuleCause, spec: &spec{kind: objectValue, obj: &causeSchema, alt: idSpec,
			want: "an exception id like " + exampleID + " or an object {working_directory, paths, exceptions}"}},
		{key: "annotations", rule: RuleAnnotations, spec: &spec{kind: objectValue, want: "an object", unlimited: true, obj: &object{
			noun: "annotations", key: annotationKey, keys: "1 to 500 of [A-Za-z0-9_]",
			other: &spec{kind: scalarValue, maxLen: maxAnnotationValueLen, want: "a string, number or boolean"},
		}}},
		{key: "metadata", rule: RuleMetadata, spec: &spec{kind: objectValue, want: "an object", unlimited: true, obj: &object{
			noun: "metadata", key: metadataNamespace, keys: "namespaces other than AWS.*",
			other: &spec{kind: objectValue, want: "an object {key: any JSON}"},
		}}},
		{key: "links", rule: RuleLinks, spec: &spec{kind: arrayValue, maxItems: maxLinks, elem: &spec{kind: objectValue, want: "an object", obj: &linkSchema},
			want: "an array of {trace_id, id, attributes} objects"}},
		{key: "precursor_ids", rule: RulePrecursorIDs, spec: &spec{kind: arrayValue, elem: idSpec, want: "an array of ids like [" + exampleID + "]"}},
		{key: "subsegments", rule: RuleSubsegments, spec: &spec{kind: arrayValue, unlimited: true,
			elem: &spec{kind: documentValue, want: "a subsegment object"}, want: "an array of subsegment objects"}},
	},
	checks: []func(*checker, *path, map[string]any, docKind){needsEnd, independent, endAfterStart, throttleIsError},
}

// httpSchema is the http object.
var httpSchema = object{noun: "http", fields: []field{
	{key: "request", spec: &spec{kind: objectValue, want: "an object", obj: &object{noun: "http.request", fields: []field{
		{key: "method", spec: str},
		{key: "url", spec: str},
		{key: "user_agent", spec: str},
		{key: "client_ip", spec: str},
		{key: "x_forwarded_for", spec: boolean},
		{key: "traced", spec: boolean},
	}}}},
	{key: "response", spec: &spec{kind: objectValue, want: "an object", obj: &object{noun: "http.response", fields: []field{
		{key: "status", spec: &spec{kind: intValue, min: 100, max: 599, want: "an integer HTTP status code from 100 to 599"}},
		{key: "content_length", spec: count},
	}}}},
}}

// awsSchema is the aws object: known keys have their types; other request
// parameters may hold any JSON value.
var awsSchema = object{noun: "aws", key: snakeCaseKey, keys: "snake_case", other: anyJSON, fields: []field{
	{key: "operation", spec: str},
	{key: "region", spec: str},
	{key: "request_id", spec: str},
	{key: "account_id", spec: str},
	{key: "queue_url", spec: str},
	{key: "table_name", spec: str},
	{key: "table_names", spec: strs},
	{key: "retries", spec: count},
	{key: "ec2", spec: stringMembers("aws.ec2")},
	{key: "ecs", spec: stringMembers("aws.ecs")},
	{key: "eks", spec: stringMembers("aws.eks")},
	{key: "elastic_beanstalk", spec: stringMembers("aws.elastic_beanstalk", field{key: "deployment_id", spec: count})},
	{key: "xray", spec: stringMembers("aws.xray", field{key: "auto_instrumentation", spec: boolean})},
	{key: "cloudwatch_logs", spec: &spec{kind: arrayValue, want: `an array of {"log_group":...,"arn":...} objects`,
		elem: &spec{kind: objectValue, want: "an object", obj: &object{noun: "a cloudwatch_logs entry", other: anyJSON, fields: []field{
			{key: "log_group", spec: str},
			{key: "arn", spec: str},
		}}}}},
}}

// stringMembers is an object whose members are strings, except the fields given.
func stringMembers(noun string, fields ...field) *spec {
	return &spec{kind: objectValue, want: "an object", obj: &object{noun: noun, other: str, fields: fields}}
}

// sqlSchema is the sql object.
var sqlSchema = object{noun: "sql", fields: []field{
	// Only the fields meant to locate a database are checked for
	// passwords: a sanitized query may mention a password column or
	// literal text.
	{key: "url", spec: &spec{kind: stringValue, format: formatSQLURL, want: "a URL scheme://host/database"}},
	{key: "connection_string", spec: &spec{kind: stringValue, want: "a string", noSecret: true}},
	{key: "sanitized_query", spec: str},
	{key: "database_type", spec: str},
	{key: "database_version", spec: str},
	{key: "driver_version", spec: str},
	{key: "user", spec: str},
	{key: "preparation", spec: &spec{kind: stringValue, oneOf: []string{"call", "statement"}}},
}}

// causeSchema is the cause object (a cause may also be an exception id).
var causeSchema = object{noun: "a cause", fields: []field{
	{key: "working_directory", spec: str},
	{key: "paths", spec: strs},
	{key: "exceptions", spec: &spec{kind: arrayValue, want: "an array of exception objects",
		elem: &spec{kind: objectValue, want: "an object", obj: &exceptionSchema}}},
}}

// exceptionSchema is one exception of a cause.
var exceptionSchema = object{noun: "an exception", fields: []field{
	{key: "id", required: true, spec: idSpec},
	{key: "message", spec: str},
	{key: "type", spec: str},
	{key: "remote", spec: boolean},
	{key: "truncated", spec: count},
	{key: "skipped", spec: count},
	{key: "cause", spec: idSpec},
	{key: "stack", spec: &spec{kind: arrayValue, want: "an array of {path, line, label} frames",
		elem: &spec{kind: objectValue, want: "an object", obj: &object{noun: "a stack frame", fields: []field{
			{key: "path", spec: str},
			{key: "line", spec: count},
			{key: "label", spec: str},
		}}}}},
}}

// linkSchema is one link of a (sub)segment.
var linkSchema = object{noun: "a link", fields: []field{
	{key: "trace_id", required: true, spec: traceID},
	{key: "id", required: true, spec: idSpec},
	{key: "attributes", spec: &spec{kind: objectValue, want: "an object", obj: &object{noun: "attributes", other: scalar}}},
}}
