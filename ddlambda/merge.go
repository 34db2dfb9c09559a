package ddlambda

import (
	"context"
	"fmt"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/metadata"
)

// XRayMerge returns a lambdatrace option that sends, with every sampled
// invocation, the independent subsegment datadog-metadata (the one
// Datadog's X-Ray integration reads) under the function's segment, through
// the same X-Ray exporter; the Datadog exporter leaves it out. Its metadata gives
// Datadog the trace and parent IDs under which our spans appear in Datadog
// (the low 64 bits of the trace ID and the invocation span's ID, in
// decimal), so Datadog can merge the X-Ray trace with its own.
func XRayMerge() lambdatrace.Option {
	return lambdatrace.WithHooks(lambdatrace.Hooks{End: func(ctx context.Context, inv lambdatrace.InvocationEnd) {
		if !inv.Parent.IsValid() || !inv.Parent.IsSampled() || !inv.Span.IsValid() || inv.Tracer == nil || ddtrace.XRayUnsampled(inv.Span) {
			return
		}
		low, _ := ddtrace.TraceID(inv.Span.TraceID())
		meta := fmt.Sprintf(`{"trace":{"trace-id":%q,"parent-id":%q,"sampling-priority":%q}}`,
			strconv.FormatUint(low, 10), strconv.FormatUint(ddtrace.SpanID(inv.Span.SpanID()), 10), priority(inv.Span))
		pctx := trace.ContextWithRemoteSpanContext(ctx, inv.Parent)
		_, s := inv.Tracer.Start(pctx, ddtrace.MergeSubsegmentName, trace.WithTimestamp(inv.Start),
			trace.WithAttributes(attribute.String(metadata.NamespaceKeyPrefix+"datadog", meta)))
		s.End(trace.WithTimestamp(inv.End))
	}})
}
