package datadog

import (
	"context"
	"fmt"
	"reflect"
	"strconv"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/lambdatrace"
	"github.com/otelxray/otelxray/metadata"
)

// MergeSubsegmentName is the subsegment Datadog's X-Ray integration reads.
const MergeSubsegmentName = "datadog-metadata"

// XRayMerge returns a lambdatrace option that sends, with every sampled
// invocation, the independent subsegment datadog-metadata under the
// function's segment, through the same X-Ray exporter. Its metadata gives
// Datadog the trace and parent IDs under which our spans appear in Datadog
// (the low 64 bits of the trace ID and the invocation span's ID, in
// decimal), so Datadog can merge the X-Ray trace with its own.
func XRayMerge() lambdatrace.Option {
	return lambdatrace.WithHooks(lambdatrace.Hooks{End: func(ctx context.Context, inv lambdatrace.InvocationEnd) {
		if !inv.Parent.IsValid() || !inv.Parent.IsSampled() || !inv.Span.IsValid() || inv.Tracer == nil {
			return
		}
		low, _ := TraceID(inv.Span.TraceID())
		meta := fmt.Sprintf(`{"trace":{"trace-id":%q,"parent-id":%q,"sampling-priority":%q}}`,
			strconv.FormatUint(low, 10), strconv.FormatUint(SpanID(inv.Span.SpanID()), 10), priority(inv.Span))
		pctx := trace.ContextWithRemoteSpanContext(ctx, inv.Parent)
		_, s := inv.Tracer.Start(pctx, MergeSubsegmentName, trace.WithTimestamp(inv.Start),
			trace.WithAttributes(attribute.String(metadata.NamespaceKeyPrefix+"datadog", meta)))
		s.End(trace.WithTimestamp(inv.End))
	}})
}

func typeString(v any) string { return reflect.TypeOf(v).String() }

func toString(v any) string { return fmt.Sprint(v) }
