package validate

// Rule names one rule of the X-Ray wire format. Every [Problem] carries the
// rule it breaks; [Rules] lists them all with their meaning.
type Rule string

// The rules, in the order [Rules] lists them.
const (
	RuleHeader       Rule = "header"
	RuleSize         Rule = "size"
	RuleOneDocument  Rule = "one-document"
	RuleJSON         Rule = "json"
	RuleUTF8         Rule = "utf8"
	RuleCompact      Rule = "compact"
	RuleDuplicateKey Rule = "duplicate-key"
	RuleRequired     Rule = "required"
	RuleField        Rule = "field"
	RuleName         Rule = "name"
	RuleID           Rule = "id"
	RuleTraceID      Rule = "trace_id"
	RuleTime         Rule = "time"
	RuleIndependent  Rule = "independent"
	RuleNamespace    Rule = "namespace"
	RuleOrigin       Rule = "origin"
	RuleUser         Rule = "user"
	RuleService      Rule = "service"
	RuleResourceARN  Rule = "resource_arn"
	RuleHTTP         Rule = "http"
	RuleAWS          Rule = "aws"
	RuleSQL          Rule = "sql"
	RuleFlags        Rule = "flags"
	RuleCause        Rule = "cause"
	RuleAnnotations  Rule = "annotations"
	RuleMetadata     Rule = "metadata"
	RuleLinks        Rule = "links"
	RulePrecursorIDs Rule = "precursor_ids"
	RuleSubsegments  Rule = "subsegments"
	RuleStringLength Rule = "string-length"
)

// RuleInfo is one rule and what it requires, in one line.
type RuleInfo struct {
	Rule    Rule
	Meaning string
}

// rules is the one list of the rules; RULES.md is generated from it.
var rules = []RuleInfo{
	{RuleHeader, "a datagram starts with the line {\"format\":\"json\",\"version\":1} and a newline"},
	{RuleSize, "a datagram is at most 64,000 bytes, header included"},
	{RuleOneDocument, "a datagram carries exactly one JSON object after the header, and nothing after it"},
	{RuleJSON, "the document is valid JSON (no NaN or Infinity, not truncated)"},
	{RuleUTF8, "the document is valid UTF-8"},
	{RuleCompact, "the document is compact JSON: no whitespace outside strings"},
	{RuleDuplicateKey, "no key appears twice in the same object"},
	{RuleRequired, "every (sub)segment has name, id, start_time, and end_time or in_progress:true"},
	{RuleField, "a (sub)segment has only the fields of the X-Ray schema"},
	{RuleName, "a name is 1 to 200 letters, digits, whitespace or _ . : / % & # = + \\ - @"},
	{RuleID, "an id (of a segment, parent, exception or link) is 16 lower-case hex digits, not all zeros"},
	{RuleTraceID, "a trace_id is \"1-\", 8 lower-case hex digits, \"-\" and 24 lower-case hex digits"},
	{RuleTime, "start_time and end_time are non-negative seconds with at most 6 decimals, end not before start; in_progress is a boolean"},
	{RuleIndependent, "a segment has a trace_id; an independent subsegment has type \"subsegment\", trace_id and parent_id"},
	{RuleNamespace, "namespace is \"aws\" or \"remote\", on subsegments only"},
	{RuleOrigin, "origin is one of the AWS resource types X-Ray knows, on segments only"},
	{RuleUser, "user is a string, on segments only"},
	{RuleService, "service is an object of strings"},
	{RuleResourceARN, "resource_arn is a string"},
	{RuleHTTP, "http holds request (method, url, user_agent, client_ip, x_forwarded_for, traced) and response (status 100-599, content_length)"},
	{RuleAWS, "aws keys are snake_case, and the known ones have their types"},
	{RuleSQL, "sql has only the known string fields, preparation is \"call\" or \"statement\", url is scheme://host/database (what the Collector can parse), and url and connection_string hold no password or secret"},
	{RuleFlags, "error, throttle and fault are booleans, and throttle implies error"},
	{RuleCause, "cause is an exception id or an object of working_directory, paths and exceptions with their stack frames"},
	{RuleAnnotations, "annotation keys are 1 to 500 of [A-Za-z0-9_], values strings of at most 1,000 characters, numbers or booleans"},
	{RuleMetadata, "metadata maps namespaces, none of them AWS.*, to objects"},
	{RuleLinks, "links is an array of at most 20 {trace_id, id, attributes} objects"},
	{RulePrecursorIDs, "precursor_ids is an array of ids"},
	{RuleSubsegments, "subsegments is an array of subsegment objects"},
	{RuleStringLength, "a string outside name, annotations and metadata is at most 250 characters"},
}

// Rules returns every rule with its meaning, in a stable order.
func Rules() []RuleInfo {
	return append([]RuleInfo(nil), rules...)
}
