package slogtrace_test

import (
	"context"
	"log/slog"
	"os"

	"github.com/aws/aws-lambda-go/lambdacontext"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/slogtrace"
)

// invocation is a context as a traced Lambda invocation has it: a span and
// the Lambda request id.
func invocation() context.Context {
	tid, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	sid, _ := trace.SpanIDFromHex("53995c3f42cd8ad8")
	ctx := trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled,
	}))
	return lambdacontext.NewContext(ctx, &lambdacontext.LambdaContext{AwsRequestID: "8f507cfc-4a2a"})
}

// noTime drops the time so that the output is the same at every run.
func noTime(groups []string, a slog.Attr) slog.Attr {
	if len(groups) == 0 && a.Key == slog.TimeKey {
		return slog.Attr{}
	}
	return a
}

func ExampleNewHandler() {
	h := slogtrace.NewHandler(slog.NewJSONHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}))
	log := slog.New(h)
	log.InfoContext(invocation(), "order stored", "order", "o-1")
	// Groups hold the record's attributes; the ids stay at the top level.
	log.WithGroup("db").InfoContext(invocation(), "query", "rows", 3)
	// Output:
	// {"level":"INFO","msg":"order stored","order":"o-1","xray_trace_id":"1-5759e988-bd862e3fe1be46a994272793","trace_id":"5759e988bd862e3fe1be46a994272793","span_id":"53995c3f42cd8ad8","requestId":"8f507cfc-4a2a"}
	// {"level":"INFO","msg":"query","xray_trace_id":"1-5759e988-bd862e3fe1be46a994272793","trace_id":"5759e988bd862e3fe1be46a994272793","span_id":"53995c3f42cd8ad8","requestId":"8f507cfc-4a2a","db":{"rows":3}}
}

func ExampleWithDatadog() {
	h := slogtrace.NewHandler(slog.NewTextHandler(os.Stdout, &slog.HandlerOptions{ReplaceAttr: noTime}), slogtrace.WithDatadog())
	slog.New(h).WarnContext(invocation(), "slow")
	// Output:
	// level=WARN msg=slow xray_trace_id=1-5759e988-bd862e3fe1be46a994272793 trace_id=5759e988bd862e3fe1be46a994272793 span_id=53995c3f42cd8ad8 dd.trace_id=16266516598257821587 dd.span_id=6023947403358210776 requestId=8f507cfc-4a2a
}

// In a function's main: the handler follows the function's logging
// configuration (AWS_LAMBDA_LOG_FORMAT, AWS_LAMBDA_LOG_LEVEL).
func ExampleNewLambdaHandler() {
	slog.SetDefault(slog.New(slogtrace.NewLambdaHandler(os.Stdout)))
}
