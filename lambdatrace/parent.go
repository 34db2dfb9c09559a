package lambdatrace

import (
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/xrayheader"
)

// ParentFromHeader turns a Lambda trace header into the remote parent of the
// invocation span. Root, Parent and Sampled=1 give a sampled parent; Sampled=0
// gives an unsampled one; a header without Parent (PassThrough) gives an
// unsampled parent in the Root trace, so that nothing is sent but the trace
// still propagates downstream. A header without a valid Root gives an
// invalid SpanContext.
func ParentFromHeader(h string) trace.SpanContext { return xrayheader.Parent(h) }
