package payload

import (
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

func TestFunctionSpan(t *testing.T) {
	res := resource.NewSchemaless(attribute.String("faas.name", "Orders"), attribute.String("cloud.region", "eu-west-1"),
		attribute.Int64("faas.max_memory", 128<<20), attribute.String("service.name", "Orders"))
	sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{2}, TraceFlags: trace.FlagsSampled})
	start := time.Unix(1700000000, 0)
	invocation := func(arn string, extra ...attribute.KeyValue) tracetest.SpanStub {
		return tracetest.SpanStub{Name: "GET /orders", SpanKind: trace.SpanKindServer, SpanContext: sc, Resource: res,
			StartTime: start, EndTime: start.Add(time.Second),
			Attributes: append([]attribute.KeyValue{attribute.String("faas.trigger", "http"), attribute.String("faas.invocation_id", "req-1"),
				attribute.String("cloud.resource_id", arn)}, extra...)}
	}
	timedOut := invocation("arn:aws:lambda:eu-west-1:123456789012:function:Orders")
	timedOut.Status = sdktrace.Status{Code: codes.Error, Description: "the invocation ran past its deadline"}
	timedOut.Events = []sdktrace.Event{{Name: "exception", Attributes: []attribute.KeyValue{
		attribute.String("exception.type", "Timeout"), attribute.String("exception.message", "the invocation ran past its deadline")}}}
	for _, tc := range []struct {
		name string
		stub tracetest.SpanStub
		want map[string]string
		typ  string
	}{
		{"alias, cold, 502", invocation("arn:aws:lambda:eu-west-1:123456789012:function:Orders:Live",
			attribute.Bool("faas.coldstart", true), attribute.Int("http.response.status_code", 502)),
			map[string]string{"function_arn": "arn:aws:lambda:eu-west-1:123456789012:function:orders", "function_version": "live",
				"functionname": "orders", "resource_names": "Orders", "cold_start": "true", "request_id": "req-1", "region": "eu-west-1",
				"account_id": "123456789012", "memorysize": "128", "http.status_code": "502"}, "serverless"},
		{"unqualified, warm", invocation("arn:aws:lambda:eu-west-1:123456789012:function:Orders"),
			map[string]string{"function_version": "$LATEST", "cold_start": "false"}, "serverless"},
		{"timeout", timedOut, map[string]string{"error.type": "Timeout", "error.msg": timeoutMessage, "error.message": timeoutMessage}, "serverless"},
		{"short ARN", invocation("arn:aws:lambda"), map[string]string{"function_arn": "", "function_version": "", "functionname": "orders"}, "serverless"},
		{"cold-start span", tracetest.SpanStub{Name: coldStartName, SpanContext: sc, Resource: res, StartTime: start, EndTime: start.Add(time.Millisecond),
			InstrumentationScope: instrumentation.Scope{Name: ddtrace.OnlyScope}}, map[string]string{"functionname": "orders", "cold_start": ""}, "serverless"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			d := Convert(tc.stub.Snapshot(), "", "", "")
			if d.Type != tc.typ || d.Resource != "Orders" {
				t.Errorf("name %q type %q resource %q", d.Name, d.Type, d.Resource)
			}
			for k, v := range tc.want {
				if d.Meta[k] != v {
					t.Errorf("%s = %q, want %q", k, d.Meta[k], v)
				}
			}
		})
	}
	if d := Convert(invocation("x").Snapshot(), "", "", ""); d.Name != functionName {
		t.Errorf("name %q", d.Name)
	}
}

// Lambda's header makes the function's own X-Ray segment the invocation's
// parent, which Datadog never gets: the event's context in the same trace
// becomes the parent; one in another trace stays a link only.
func TestFunctionSpanParent(t *testing.T) {
	tid, other := trace.TraceID{1}, trace.TraceID{9}
	segment := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{7: 1}, TraceFlags: trace.FlagsSampled, Remote: true})
	caller := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{7: 2}, Remote: true})
	producer := trace.NewSpanContext(trace.SpanContextConfig{TraceID: other, SpanID: trace.SpanID{7: 3}, Remote: true})
	for _, tc := range []struct {
		name   string
		parent trace.SpanContext
		links  []trace.SpanContext
		want   uint64
	}{
		{"caller in the trace", segment, []trace.SpanContext{producer, caller}, 2},
		{"producer of another trace", segment, []trace.SpanContext{producer}, 1},
		{"no link", segment, nil, 1},
		{"no parent", trace.SpanContext{}, []trace.SpanContext{caller}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			stub := tracetest.SpanStub{Name: "handler", SpanKind: trace.SpanKindServer, Parent: tc.parent,
				SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{7: 5}, TraceFlags: trace.FlagsSampled}),
				Attributes:  []attribute.KeyValue{attribute.String("faas.trigger", "http")}}
			for _, l := range tc.links {
				stub.Links = append(stub.Links, sdktrace.Link{SpanContext: l})
			}
			d := Convert(stub.Snapshot(), "", "", "")
			if d.ParentID != tc.want {
				t.Errorf("parent_id = %d, want %d", d.ParentID, tc.want)
			}
			for _, l := range d.Links {
				if l.SpanID == d.ParentID {
					t.Errorf("the span still links to its parent %d", l.SpanID)
				}
			}
		})
	}
}
