package awslocal_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/lambdatrace"
)

// TestSQSMessageContext: a message sent through awssdk keeps the message
// attributes it injected (traceparent, _datadog) as SQS does, and the
// consumer's event links to the producer's call span in both dialects.
func TestSQSMessageContext(t *testing.T) {
	for _, datadog := range []bool{false, true} {
		s := start(t)
		url := s.QueueURL("changes")
		rec := tracetest.NewSpanRecorder()
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(rec))
		cfg := s.Config()
		opts := []awssdk.Option{awssdk.WithTracerProvider(tp)}
		if datadog {
			opts = append(opts, awssdk.WithDatadogCarrier())
		}
		awssdk.AppendMiddlewares(&cfg.APIOptions, opts...)
		client := sqs.NewFromConfig(cfg)
		ctx, root := tp.Tracer("test").Start(context.Background(), "handler")
		_, err := client.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &url, MessageBody: aws.String("m")})
		root.End()
		if err != nil {
			t.Fatal(err)
		}
		out, err := sqs.NewFromConfig(s.Config()).ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url,
			MessageAttributeNames: []string{"All"}})
		if err != nil || len(out.Messages) != 1 {
			t.Fatalf("ReceiveMessage = %+v, %v", out, err)
		}
		attrs := map[string]map[string]string{}
		for k, v := range out.Messages[0].MessageAttributes {
			if k == "traceparent" && datadog {
				continue // the consumer reads _datadog alone
			}
			attrs[k] = map[string]string{"dataType": aws.ToString(v.DataType), "stringValue": aws.ToString(v.StringValue)}
		}
		event, _ := json.Marshal(map[string]any{"Records": []any{map[string]any{"eventSource": "aws:sqs", "messageAttributes": attrs}}})
		r, ok := lambdatrace.BuiltinRequest(json.RawMessage(event))
		var call sdktrace.ReadOnlySpan
		for _, sp := range rec.Ended() {
			if sp.Name() == "SQS.SendMessage" {
				call = sp
			}
		}
		if !ok || call == nil || len(r.Links) != 1 ||
			r.Links[0].SpanContext.TraceID() != call.SpanContext().TraceID() || r.Links[0].SpanContext.SpanID() != call.SpanContext().SpanID() {
			t.Errorf("datadog %v: links %v, want the call %v (attributes %v)", datadog, r.Links, call, attrs)
		}
	}
}
