package spantest_test

import (
	"fmt"

	"github.com/otelxray/otelxray/internal/spantest"
)

func ExampleSpan() {
	s := spantest.Span(2, 1, spantest.DynamoAttrs(7)...)
	fmt.Println(s.SpanContext.SpanID(), s.Parent.SpanID(), s.EndTime.Sub(s.StartTime), len(s.Attributes))
	// Output: 0000000000000002 0000000000000001 500µs 7
}
