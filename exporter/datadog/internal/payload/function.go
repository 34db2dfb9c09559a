package payload

import (
	"runtime"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// The Datadog names of the spans of a Lambda function.
const (
	functionName  = "aws.lambda"
	coldStartName = "aws.lambda.cold_start"
	serverless    = "serverless"
	// timeoutMessage is the error message Datadog gives a timed-out invocation.
	timeoutMessage = "Datadog detected a Timeout"
)

// function makes lambdatrace's invocation span (a server span with
// faas.trigger) the aws.lambda span Datadog's extension shows, and
// ddlambda's cold-start span the aws.lambda.cold_start span: type
// serverless, resource the function name, and the function's tags
// (cold_start, function_arn, function_version, functionname, request_id,
// resource_names, region, account_id, memorysize, architecture).
func function(d *Span, s sdktrace.ReadOnlySpan, attrs map[string]attribute.Value) {
	invocation := s.SpanKind() == trace.SpanKindServer && str(attrs, "faas.trigger") != ""
	cold := s.Name() == coldStartName && s.InstrumentationScope().Name == ddtrace.OnlyScope
	if !invocation && !cold {
		return
	}
	var res map[string]attribute.Value
	if r := s.Resource(); r != nil {
		res = make(map[string]attribute.Value, r.Len())
		for _, kv := range r.Attributes() {
			res[string(kv.Key)] = kv.Value
		}
	}
	// Datadog's library lowercases the ARN before reading it.
	arn, isARN := lambdaenv.ParseARN(strings.ToLower(str(attrs, "cloud.resource_id")))
	name := str(res, "faas.name")
	if name == "" {
		name = arn.Name
	}
	d.Name, d.Type = functionName, serverless
	if cold {
		d.Name = coldStartName
	}
	if name != "" {
		d.Resource = clean(name)
	}
	tags := map[string]string{
		"functionname":   strings.ToLower(name),
		"resource_names": name,
		"region":         str(res, "cloud.region"),
		"account_id":     str(attrs, "cloud.account.id"),
		"architecture":   architecture(),
		"_dd.origin":     "lambda",
		"origin":         "lambda",
	}
	if isARN {
		tags["function_arn"] = arn.Function
		tags["function_version"] = "$LATEST"
		if arn.Qualifier != "" {
			tags["function_version"] = arn.Qualifier
		}
		if tags["region"] == "" {
			tags["region"] = arn.Region
		}
		if tags["account_id"] == "" {
			tags["account_id"] = arn.Account
		}
	}
	if v, ok := res["faas.max_memory"]; ok && v.Type() == attribute.INT64 && v.AsInt64() > 0 {
		tags["memorysize"] = strconv.FormatInt(v.AsInt64()>>20, 10)
	}
	if invocation {
		adoptEventParent(d, s)
		tags["request_id"] = str(attrs, "faas.invocation_id")
		tags["cold_start"] = strconv.FormatBool(attrs["faas.coldstart"].AsBool())
		if v, ok := attrs["http.response.status_code"]; ok && v.Type() == attribute.INT64 {
			tags["http.status_code"] = strconv.FormatInt(v.AsInt64(), 10)
		}
		if d.Meta["error.type"] == "Timeout" {
			d.Meta["error.message"], d.Meta["error.msg"] = timeoutMessage, timeoutMessage
		}
	}
	for k, v := range tags {
		if v != "" {
			d.Meta[k] = clean(v)
		}
	}
}

// adoptEventParent gives the invocation span, for Datadog, the parent the
// event carried, when Lambda's header made the parent: that header's Parent
// is the function's own X-Ray segment, which Datadog never receives, so
// the span would hang from nothing. The event's context (an HTTP caller's
// traceparent or x-datadog-* headers, lambdatrace's span link) is in the
// same trace when the caller's call led here, and is where Datadog's
// library would hang the span; a link into another trace (a queue's
// producer) stays a link.
func adoptEventParent(d *Span, s sdktrace.ReadOnlySpan) {
	p := s.Parent()
	if !p.IsValid() || !p.IsRemote() {
		return
	}
	for _, l := range s.Links() {
		if sc := l.SpanContext; sc.IsValid() && sc.TraceID() == p.TraceID() && sc.SpanID() != p.SpanID() {
			d.HeaderParent, d.ParentID = d.ParentID, ddtrace.SpanID(sc.SpanID())
			return
		}
	}
}

// architecture is Lambda's name for this process's architecture.
func architecture() string {
	if runtime.GOARCH == "arm64" {
		return "arm64"
	}
	return "x86_64"
}
