package ddlambda

import (
	"testing"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

// Datadog's parent is the event's context in the invocation's trace, else
// Lambda's parent.
func TestDatadogParent(t *testing.T) {
	sc := func(tid, sid byte) trace.SpanContext {
		return trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{tid}, SpanID: trace.SpanID{7: sid}, Remote: true})
	}
	segment, caller, producer := sc(1, 1), sc(1, 2), sc(2, 3)
	for _, tc := range []struct {
		name          string
		parent, event trace.SpanContext
		want          trace.SpanContext
	}{
		{"caller in the trace", segment, caller, caller},
		{"producer of another trace", segment, producer, segment},
		{"no event context", segment, trace.SpanContext{}, segment},
		{"no parent", trace.SpanContext{}, caller, trace.SpanContext{}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := datadogParent(lambdatrace.InvocationStart{Parent: tc.parent, EventContext: tc.event}); !got.Equal(tc.want) {
				t.Errorf("got %v, want %v", got.SpanID(), tc.want.SpanID())
			}
		})
	}
}
