package ddlambda

import (
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
)

// datadogParent is the parent Datadog gets for an invocation's spans:
// the context the event carried, when it is in the invocation's trace,
// else the invocation's parent. Lambda's header names the function's own
// X-Ray segment, which Datadog never receives; the caller's context (an
// HTTP caller's span) is where Datadog's own library hangs the function.
func datadogParent(inv lambdatrace.InvocationStart) trace.SpanContext {
	if e := inv.EventContext; e.IsValid() && e.TraceID() == inv.Parent.TraceID() {
		return e
	}
	return inv.Parent
}
