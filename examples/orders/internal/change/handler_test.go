package change_test

import (
	"context"
	"encoding/json"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/examples/orders/internal/change"
	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// TestHandleChangeTrace runs handle-change in aws-lambda-go's loop under
// lambdatest, with its real DynamoDB client against the stand-in, and
// checks its trace: one trace, the PutItem on the orders table, and a link
// to the message's producer.
func TestHandleChangeTrace(t *testing.T) {
	h := lambdatest.New(t, lambdatest.WithFunctionName("handle-change"))
	aws, err := awslocal.Start(awslocal.WithTable("orders", "id"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = aws.Close() })
	for _, kv := range aws.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("TABLE_NAME", "orders")
	hd, err := change.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := h.Start(lambdatrace.Wrap(hd.Handle))

	// The SendMessage span of post that sent the message.
	producer := trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{0x6b, 0x10, 0x4f, 0xf7, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12},
		SpanID:  trace.SpanID{1, 2, 3, 4, 5, 6, 7, 8}, TraceFlags: trace.FlagsSampled, Remote: true})
	body, _ := json.Marshal(order.Change{Order: order.Order{ID: "o-123456789abc", Customer: "you", Item: "tea", Quantity: 1}})

	inv := f.Invoke(t, lambdatest.SQSEvent(producer, string(body)))
	inv.NoError(t)
	inv.OneTrace(t)
	inv.HasSubsegment(t, "DynamoDB", lambdatest.Table("orders"), lambdatest.Operation("PutItem"))
	inv.LinkedToSpan(t, producer)
	inv.NoInvalidDocuments(t)
	if item := aws.Item("orders", "o-123456789abc"); !strings.Contains(string(item["status"]), order.StatusProcessed) {
		t.Errorf("stored status %s, want %s", item["status"], order.StatusProcessed)
	}
}
