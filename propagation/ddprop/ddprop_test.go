package ddprop_test

import (
	"context"
	"strings"
	"testing"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/propagation/ddprop"
)

const (
	fullTrace = "6758a1b2c3d4e5f60123456789abcdef"
	lowDec    = "81985529216486895" // 0x0123456789abcdef
	spanHex   = "00f067aa0ba902b7"
	spanDec   = "67667974448284343" // 0x00f067aa0ba902b7
)

func spanContext(t *testing.T, tid, sid string, sampled bool) trace.SpanContext {
	t.Helper()
	tr, err := trace.TraceIDFromHex(tid)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := trace.SpanIDFromHex(sid)
	if err != nil {
		t.Fatal(err)
	}
	cfg := trace.SpanContextConfig{TraceID: tr, SpanID: sp, Remote: true}
	if sampled {
		cfg.TraceFlags = trace.FlagsSampled
	}
	return trace.NewSpanContext(cfg)
}

func TestInject(t *testing.T) {
	tests := []struct {
		name string
		sc   trace.SpanContext
		want propagation.MapCarrier
	}{
		{"128-bit sampled", spanContext(t, fullTrace, spanHex, true), propagation.MapCarrier{
			ddprop.TraceIDKey: lowDec, ddprop.ParentIDKey: spanDec, ddprop.SamplingPriorityKey: "1",
			ddprop.TagsKey: "_dd.p.tid=6758a1b2c3d4e5f6"}},
		{"64-bit unsampled", spanContext(t, "00000000000000000123456789abcdef", spanHex, false), propagation.MapCarrier{
			ddprop.TraceIDKey: lowDec, ddprop.ParentIDKey: spanDec, ddprop.SamplingPriorityKey: "0"}},
		{"low bits zero", spanContext(t, "6758a1b2c3d4e5f60000000000000000", spanHex, true), propagation.MapCarrier{}},
		{"invalid", trace.SpanContext{}, propagation.MapCarrier{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := propagation.MapCarrier{}
			ddprop.Propagator{}.Inject(trace.ContextWithSpanContext(context.Background(), tt.sc), got)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for k, v := range tt.want {
				if got[k] != v {
					t.Errorf("%s = %q, want %q", k, got[k], v)
				}
			}
		})
	}
}

func TestExtract(t *testing.T) {
	tests := []struct {
		name    string
		carrier propagation.MapCarrier
		trace   string // "" for no context
		sampled bool
		dd      string // the dd tracestate member
	}{
		{"captured dd-trace-go carrier", propagation.MapCarrier{
			"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec, "x-datadog-sampling-priority": "1",
			"x-datadog-tags": "_dd.p.dm=-0,_dd.p.tid=6758a1b2c3d4e5f6", "traceparent": "ignored"},
			fullTrace, true, "s:1"},
		{"no tags: 64 bits", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec},
			"00000000000000000123456789abcdef", true, "s:1"},
		{"user reject", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
			"x-datadog-sampling-priority": "-1"}, "00000000000000000123456789abcdef", false, "s:-1"},
		{"user keep with origin", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
			"x-datadog-sampling-priority": "2", "x-datadog-origin": "lambda"}, "00000000000000000123456789abcdef", true, "s:2;o:lambda"},
		{"bad origin dropped", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
			"x-datadog-origin": "a;b=c"}, "00000000000000000123456789abcdef", true, "s:1"},
		{"bad tid ignored", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
			"x-datadog-tags": "_dd.p.tid=xyz"}, "00000000000000000123456789abcdef", true, "s:1"},
		{"tags past the cap ignored", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
			"x-datadog-tags": "_dd.p.tid=6758a1b2c3d4e5f6," + strings.Repeat("x", 600)}, "00000000000000000123456789abcdef", true, "s:1"},
		{"overflow", propagation.MapCarrier{"x-datadog-trace-id": "18446744073709551616", "x-datadog-parent-id": spanDec}, "", false, ""},
		{"signed", propagation.MapCarrier{"x-datadog-trace-id": "+1", "x-datadog-parent-id": spanDec}, "", false, ""},
		{"zero trace", propagation.MapCarrier{"x-datadog-trace-id": "0", "x-datadog-parent-id": spanDec}, "", false, ""},
		{"zero parent", propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": "0"}, "", false, ""},
		{"no parent", propagation.MapCarrier{"x-datadog-trace-id": lowDec}, "", false, ""},
		{"empty", propagation.MapCarrier{}, "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc := trace.SpanContextFromContext(ddprop.Propagator{}.Extract(context.Background(), tt.carrier))
			if tt.trace == "" {
				if sc.IsValid() {
					t.Fatalf("got %v, want no context", sc)
				}
				return
			}
			if sc.TraceID().String() != tt.trace || sc.SpanID().String() != spanHex || !sc.IsRemote() {
				t.Fatalf("got %s/%s remote=%v, want %s/%s", sc.TraceID(), sc.SpanID(), sc.IsRemote(), tt.trace, spanHex)
			}
			if sc.IsSampled() != tt.sampled {
				t.Errorf("sampled = %v, want %v", sc.IsSampled(), tt.sampled)
			}
			if got := sc.TraceState().Get("dd"); got != tt.dd {
				t.Errorf("dd tracestate = %q, want %q", got, tt.dd)
			}
		})
	}
}

// The priority and origin survive an extract and inject.
func TestRoundTripKeepsPriorityAndOrigin(t *testing.T) {
	in := propagation.MapCarrier{"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec,
		"x-datadog-sampling-priority": "2", "x-datadog-origin": "synthetics", "x-datadog-tags": "_dd.p.tid=6758a1b2c3d4e5f6"}
	ctx := ddprop.Propagator{}.Extract(context.Background(), in)
	out := propagation.MapCarrier{}
	ddprop.Propagator{}.Inject(ctx, out)
	for k, v := range in {
		if out[k] != v {
			t.Errorf("%s = %q, want %q", k, out[k], v)
		}
	}
}

func TestExtractDialects(t *testing.T) {
	tests := []struct {
		name    string
		carrier propagation.MapCarrier
		dialect string
		trace   string
	}{
		{"w3c", propagation.MapCarrier{"traceparent": "00-" + fullTrace + "-" + spanHex + "-01"}, "w3c", fullTrace},
		{"w3c wins over datadog", propagation.MapCarrier{"traceparent": "00-" + fullTrace + "-" + spanHex + "-01",
			"x-datadog-trace-id": "1", "x-datadog-parent-id": "1"}, "w3c", fullTrace},
		{"bad w3c falls back to datadog", propagation.MapCarrier{"traceparent": "00-zz-" + spanHex + "-01",
			"x-datadog-trace-id": lowDec, "x-datadog-parent-id": spanDec}, "datadog", "00000000000000000123456789abcdef"},
		{"xray", propagation.MapCarrier{"X-Amzn-Trace-Id": "Root=1-6758a1b2-c3d4e5f60123456789abcdef;Parent=" + spanHex + ";Sampled=1"}, "xray", fullTrace},
		{"none", propagation.MapCarrier{"traceparent": "garbage"}, "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sc, d := ddprop.Extract(tt.carrier)
			if d != tt.dialect {
				t.Fatalf("dialect %q, want %q", d, tt.dialect)
			}
			if tt.trace != "" && sc.TraceID().String() != tt.trace {
				t.Errorf("trace %s, want %s", sc.TraceID(), tt.trace)
			}
		})
	}
}
