package lambdatrace_test

import (
	"context"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/otel/baggage"
	"go.opentelemetry.io/otel/propagation"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/lambdatrace"
)

const (
	lambdaTrace = "5759e988bd862e3fe1be46a994272793"
	// ddOtherSpan is ddCarrier from another span of the same trace.
	ddOtherSpan = `{"x-datadog-trace-id":"81985529216486895","x-datadog-parent-id":"1","x-datadog-tags":"_dd.p.tid=6758a1b2c3d4e5f6"}`
)

func TestEventParentPolicy(t *testing.T) {
	t.Setenv("_X_AMZN_TRACE_ID", "")
	sqsEvent := events.SQSEvent{Records: []events.SQSMessage{
		{MessageId: "1", Attributes: map[string]string{"AWSTraceHeader": xrayHeader}},
		{MessageId: "2", MessageAttributes: map[string]events.SQSMessageAttribute{"_datadog": {DataType: "String", StringValue: str(ddOtherSpan)}}},
	}}
	httpEvent := events.APIGatewayV2HTTPRequest{Headers: map[string]string{"traceparent": traceparnt, "baggage": "tenant=acme"}}
	custom := lambdatrace.Extractor{Request: func(e any) (lambdatrace.Request, bool) {
		s, ok := e.(string)
		return lambdatrace.Request{Carrier: propagation.MapCarrier{"traceparent": s}}, ok
	}}
	tests := []struct {
		name       string
		header     string
		option     bool
		event      any
		wantParent string // trace ID of the parent, "" for a root
		wantLinks  int
	}{
		{"sampled header stays the parent", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", false, sqsEvent, lambdaTrace, 2},
		{"sampled header wins over the option", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", true, httpEvent, lambdaTrace, 1},
		{"no header: a root with links", "", false, sqsEvent, "", 2},
		{"no header, option: the first record", "", true, sqsEvent, wantTrace, 1},
		{"unsampled header, option: the headers", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=0", true, httpEvent, wantTrace, 0},
		{"custom extractor carrier", "", true, traceparnt, wantTrace, 0},
		{"custom extractor carrier as a link", "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1", false, traceparnt, lambdaTrace, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := tracetest.NewSpanRecorder()
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec), sdktrace.WithSampler(sdktrace.AlwaysSample()))
			opts := []lambdatrace.Option{lambdatrace.WithTracerProvider(tp), lambdatrace.WithExtractor(custom)}
			if tt.option {
				opts = append(opts, lambdatrace.WithEventParent())
			}
			var bag string
			h := lambdatrace.Wrap(func(ctx context.Context, e any) (string, error) {
				bag = baggage.FromContext(ctx).Member("tenant").Value()
				return "", nil
			}, opts...)
			ctx := context.Background()
			if tt.header != "" {
				//lint:ignore SA1029 aws-lambda-go's key is a plain string
				ctx = context.WithValue(ctx, "x-amzn-trace-id", tt.header)
			}
			if _, err := h(ctx, tt.event); err != nil {
				t.Fatal(err)
			}
			if _, isHTTP := tt.event.(events.APIGatewayV2HTTPRequest); isHTTP && bag != "acme" {
				t.Errorf("baggage tenant=%q, want acme", bag)
			}
			ended := rec.Ended()
			if len(ended) != 1 {
				t.Fatalf("%d spans", len(ended))
			}
			s := ended[0]
			got := ""
			if s.Parent().IsValid() {
				got = s.Parent().TraceID().String()
			}
			if got != tt.wantParent {
				t.Errorf("parent trace %q, want %q", got, tt.wantParent)
			}
			if tt.wantParent == wantTrace && s.Parent().SpanID().String() != wantSpan {
				t.Errorf("parent span %s, want %s", s.Parent().SpanID(), wantSpan)
			}
			if len(s.Links()) != tt.wantLinks {
				t.Errorf("%d links, want %d: %v", len(s.Links()), tt.wantLinks, s.Links())
			}
			for _, l := range s.Links() {
				if l.SpanContext.TraceID().String() != wantTrace {
					t.Errorf("link to %s, want %s", l.SpanContext.TraceID(), wantTrace)
				}
			}
		})
	}
}
