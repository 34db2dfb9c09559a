package awssdk

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	awsmiddleware "github.com/aws/aws-sdk-go-v2/aws/middleware"
	"github.com/aws/smithy-go/middleware"
	smithyhttp "github.com/aws/smithy-go/transport/http"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/metadata"
)

// build runs the Build middleware on a serialized body under a call span
// and returns the body sent and the ended span.
func build(t *testing.T, service, op, body string) ([]byte, sdktrace.ReadOnlySpan) {
	t.Helper()
	rec := tracetest.NewSpanRecorder()
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
	ctx := awsmiddleware.SetOperationName(awsmiddleware.SetServiceID(context.Background(), service), op)
	ctx, span := tp.Tracer("t").Start(ctx, service+"."+op)
	req := smithyhttp.NewStackRequest().(*smithyhttp.Request)
	req.Header.Set("Content-Type", "application/x-amz-json-1.1")
	req, err := req.SetStream(bytes.NewReader([]byte(body)))
	if err != nil {
		t.Fatal(err)
	}
	var sent []byte
	next := middleware.BuildHandlerFunc(func(ctx context.Context, in middleware.BuildInput) (middleware.BuildOutput, middleware.Metadata, error) {
		sent, _ = io.ReadAll(in.Request.(*smithyhttp.Request).GetStream())
		return middleware.BuildOutput{}, middleware.Metadata{}, nil
	})
	m := &instrumentation{datadog: true}
	if _, _, err := (injectMiddleware{m}).HandleBuild(ctx, middleware.BuildInput{Request: req}, next); err != nil {
		t.Fatal(err)
	}
	span.End()
	return sent, rec.Ended()[0]
}

func sameSpan(a, b trace.SpanContext) bool {
	return a.TraceID() == b.TraceID() && a.SpanID() == b.SpanID()
}

// Step Functions input -> the task's Lambda: the input {} becomes valid
// JSON with _datadog, and the consumer's parent is the producer's call.
func TestStartExecutionRoundTrip(t *testing.T) {
	sent, span := build(t, "SFN", "StartExecution", `{"stateMachineArn":"arn:aws:states:eu-west-1:1:stateMachine:orders","input":"{}"}`)
	var in struct{ Input, TraceHeader string }
	if err := json.Unmarshal(sent, &in); err != nil || !json.Valid([]byte(in.Input)) {
		t.Fatalf("sent %s: %v", sent, err)
	}
	if !strings.Contains(in.TraceHeader, span.SpanContext().SpanID().String()) {
		t.Errorf("traceHeader %q does not name the call", in.TraceHeader)
	}
	var input map[string]any
	_ = json.Unmarshal([]byte(in.Input), &input)
	r, ok := lambdatrace.BuiltinRequest(input)
	if !ok || !sameSpan(r.Parent, span.SpanContext()) {
		t.Errorf("consumer parent %v, want the call %v", r.Parent, span.SpanContext())
	}
	if !hasInjected(span, "input._datadog") || !hasInjected(span, "traceHeader") {
		t.Errorf("span attributes %v", span.Attributes())
	}
}

// EventBridge -> Lambda and EventBridge -> SQS -> Lambda.
func TestPutEventsRoundTrip(t *testing.T) {
	sent, span := build(t, "EventBridge", "PutEvents", `{"Entries":[{"Source":"shop","DetailType":"OrderChanged","Detail":"{\"order\":42}"}]}`)
	var in struct {
		Entries []struct{ Detail, TraceHeader string }
	}
	if err := json.Unmarshal(sent, &in); err != nil || len(in.Entries) != 1 {
		t.Fatalf("sent %s: %v", sent, err)
	}
	detail := in.Entries[0].Detail
	direct, _ := lambdatrace.BuiltinRequest(events.EventBridgeEvent{DetailType: "OrderChanged", Detail: json.RawMessage(detail)})
	body := `{"version":"0","detail-type":"OrderChanged","source":"shop","detail":` + detail + `}`
	viaSQS, _ := lambdatrace.BuiltinRequest(events.SQSEvent{Records: []events.SQSMessage{{Body: body}}})
	for name, r := range map[string]lambdatrace.Request{"direct": direct, "via SQS": viaSQS} {
		if len(r.Links) != 1 || !sameSpan(r.Links[0].SpanContext, span.SpanContext()) {
			t.Errorf("%s: links %v, want the call %v", name, r.Links, span.SpanContext())
		}
	}
	if !strings.Contains(in.Entries[0].TraceHeader, span.SpanContext().SpanID().String()) || !hasInjected(span, "Detail._datadog") {
		t.Errorf("TraceHeader %q, attributes %v", in.Entries[0].TraceHeader, span.Attributes())
	}
}

func hasInjected(s sdktrace.ReadOnlySpan, name string) bool {
	for _, kv := range s.Attributes() {
		if kv.Key == metadata.PropagationInjectedKey {
			for _, v := range kv.Value.AsStringSlice() {
				if v == name {
					return true
				}
			}
		}
	}
	return false
}
