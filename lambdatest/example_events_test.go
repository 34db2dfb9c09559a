package lambdatest_test

import (
	"context"
	"fmt"

	"github.com/aws/aws-lambda-go/events"

	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// A consumer invoked with an SQS event built from a producer's invocation
// links to the producer's trace.
func ExampleSQSEvent() {
	t := &exampleT{} // in a test: the test's *testing.T
	defer t.done()

	h := lambdatest.New(t, lambdatest.WithoutDatadog())
	producer := h.Direct(lambdatrace.Wrap(greet, lambdatrace.WithoutGlobals()))
	sent := producer.Invoke(t, "world")

	consume := func(_ context.Context, e events.SQSEvent) (int, error) { return len(e.Records), nil }
	consumer := h.Direct(lambdatrace.Wrap(consume, lambdatrace.WithoutGlobals()))
	got := consumer.Invoke(t, lambdatest.SQSEvent(sent.SpanContext(), `{"greeting":"hello world"}`))
	got.OneTrace(t)
	got.LinkedTo(t, sent)
	fmt.Println(string(got.Response), t.failed)
	// Output: 1 false
}
