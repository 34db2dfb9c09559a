package ddprop_test

import (
	"context"
	"testing"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/propagation/ddprop"
)

// Any values extract without a panic, and what extracts injects back to the
// same IDs.
func FuzzExtract(f *testing.F) {
	f.Add(lowDec, spanDec, "1", "_dd.p.tid=6758a1b2c3d4e5f6", "lambda", "00-"+fullTrace+"-"+spanHex+"-01")
	f.Add("18446744073709551615", "18446744073709551615", "-1", "_dd.p.tid=ffffffffffffffff,,=,", "\xff\xfe", "")
	f.Add("99999999999999999999999", "-0", "3", "_dd.p.tid=", "a;b", "00-00000000000000000000000000000000-0000000000000000-01")
	f.Fuzz(func(t *testing.T, tid, pid, prio, tags, origin, tp string) {
		c := propagation.MapCarrier{ddprop.TraceIDKey: tid, ddprop.ParentIDKey: pid, ddprop.SamplingPriorityKey: prio,
			ddprop.TagsKey: tags, ddprop.OriginKey: origin, "traceparent": tp, "X-Amzn-Trace-Id": tp}
		ddprop.Extract(c)
		ctx := ddprop.Propagator{}.Extract(context.Background(), c)
		sc := trace.SpanContextFromContext(ctx)
		if !sc.IsValid() {
			return
		}
		out := propagation.MapCarrier{}
		ddprop.Propagator{}.Inject(ctx, out)
		back := trace.SpanContextFromContext(ddprop.Propagator{}.Extract(context.Background(), out))
		if back.TraceID() != sc.TraceID() || back.SpanID() != sc.SpanID() || back.IsSampled() != sc.IsSampled() {
			t.Fatalf("round trip: %v -> %v -> %v", sc, out, back)
		}
	})
}
