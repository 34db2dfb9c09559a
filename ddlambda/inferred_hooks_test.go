package ddlambda

import (
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/lambdatrace"
)

func TestInferredHooks(t *testing.T) {
	sqs := events.SQSEvent{Records: []events.SQSMessage{{EventSourceARN: "arn:aws:sqs:eu-west-1:1:orders-queue",
		Attributes: map[string]string{"SentTimestamp": "1764700004000"}}}}
	tid := trace.TraceID{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}
	sc := func(span byte, flags trace.TraceFlags) trace.SpanContext {
		return trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{7: span}, TraceFlags: flags})
	}
	start := time.Date(2025, 12, 2, 18, 26, 45, 0, time.UTC)
	for _, tc := range []struct {
		name    string
		inv     lambdatrace.InvocationEnd
		spans   int
		failure string
	}{
		{"sampled", lambdatrace.InvocationEnd{Span: sc(2, 1), InvocationStart: lambdatrace.InvocationStart{Event: sqs, Parent: sc(1, 1)}}, 1, ""},
		{"unsampled", lambdatrace.InvocationEnd{Span: sc(2, 0), InvocationStart: lambdatrace.InvocationStart{Event: sqs, Parent: sc(1, 0)}}, 0, ""},
		{"unsampled upstream, recorded invocation", lambdatrace.InvocationEnd{Span: sc(2, 1), InvocationStart: lambdatrace.InvocationStart{Event: sqs, Parent: sc(1, 0)}}, 1, ""},
		{"failed", lambdatrace.InvocationEnd{Span: sc(2, 1), Err: errors.New("boom"), InvocationStart: lambdatrace.InvocationStart{Event: sqs, Parent: sc(1, 1)}}, 1, "boom"},
		{"panicked", lambdatrace.InvocationEnd{Span: sc(2, 1), Panic: "oops", InvocationStart: lambdatrace.InvocationStart{Event: sqs}}, 1, "panic: oops"},
		{"no event source", lambdatrace.InvocationEnd{Span: sc(2, 1), InvocationStart: lambdatrace.InvocationStart{Event: struct{}{}}}, 0, ""},
		{"no provider", lambdatrace.InvocationEnd{Span: sc(2, 1), InvocationStart: lambdatrace.InvocationStart{Event: sqs}}, 0, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rec := tracetest.NewSpanRecorder()
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
			if tc.name != "no provider" {
				tc.inv.TracerProvider = tp
			}
			tc.inv.Start, tc.inv.End = start, start.Add(time.Second)
			h := inferredHooks(inferredConfig{extensionPath: filepath.Join(t.TempDir(), "absent")})
			h.End(context.Background(), tc.inv)
			got := rec.Ended()
			if len(got) != tc.spans {
				t.Fatalf("%d spans, want %d", len(got), tc.spans)
			}
			if tc.spans == 0 {
				return
			}
			s := got[0]
			if s.InstrumentationScope().Name != ddtrace.OnlyScope || s.SpanKind() != trace.SpanKindServer || s.SpanContext().TraceID() != tid {
				t.Errorf("span = %v %v %v", s.InstrumentationScope(), s.SpanKind(), s.SpanContext().TraceID())
			}
			if !s.EndTime().Equal(start) || !s.StartTime().Equal(time.UnixMilli(1764700004000)) {
				t.Errorf("async span from %v to %v, want from the send time to the function's start", s.StartTime(), s.EndTime())
			}
			attrs := map[attribute.Key]string{}
			for _, kv := range s.Attributes() {
				attrs[kv.Key] = kv.Value.String()
			}
			if attrs[ddtrace.ChildKey] != tc.inv.Span.SpanID().String() || attrs["operation.name"] != "aws.sqs" {
				t.Errorf("attributes = %v", attrs)
			}
			if p := s.Parent(); tc.inv.Parent.IsValid() && p.SpanID() != tc.inv.Parent.SpanID() {
				t.Errorf("parent = %v, want the upstream %v", p.SpanID(), tc.inv.Parent.SpanID())
			} else if !tc.inv.Parent.IsValid() && p.SpanID() != tc.inv.Span.SpanID() {
				t.Errorf("parent = %v, want the span it names (no upstream)", p.SpanID())
			}
			if st := s.Status(); tc.failure != "" && (st.Code != codes.Error || st.Description != tc.failure) {
				t.Errorf("status = %v, want the failure %q", st, tc.failure)
			}
		})
	}
}

func TestInferredConfigFromEnv(t *testing.T) {
	env := map[string]string{"DD_SERVICE_MAPPING": "lambda_sqs:q,bad", "AWS_LAMBDA_FUNCTION_NAME": "Orders",
		"DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED": "nope"}
	c := inferredConfigFromEnv(func(k string) string { return env[k] })
	want := inferredConfig{serviceMapping: map[string]string{"lambda_sqs": "q"}, service: "orders"}
	if !reflect.DeepEqual(c, want) {
		t.Errorf("config = %+v, want %+v (a bad boolean keeps the default)", c, want)
	}
	env["DD_SERVICE"], env["DD_TRACE_AWS_SERVICE_REPRESENTATION_ENABLED"] = " Orders-API ", "false"
	if c := inferredConfigFromEnv(func(k string) string { return env[k] }); c.service != "orders-api" || !c.genericServices {
		t.Errorf("config = %+v", c)
	}
}

func TestInferredURLIsScrubbed(t *testing.T) {
	e := events.APIGatewayV2HTTPRequest{RequestContext: events.APIGatewayV2HTTPRequestContext{DomainName: "user:hunter2@api.example.com",
		HTTP: events.APIGatewayV2HTTPRequestContextHTTPDescription{Method: "GET", Path: "/x;X-Amz-Signature=abcdef"}}}
	got := infer(e, inferOptions{})
	if u := got[0].Tags["http.url"]; strings.Contains(u, "hunter2") {
		t.Errorf("http.url = %q", u)
	}
}
