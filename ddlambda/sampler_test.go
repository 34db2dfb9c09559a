package ddlambda

import (
	"context"
	"strconv"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
)

func TestSamplerDecides(t *testing.T) {
	tid, _ := trace.TraceIDFromHex("5759e988bd862e3fe1be46a994272793")
	header := func(s int) string {
		return "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=" + strconv.Itoa(s)
	}
	ddState, _ := trace.ParseTraceState("dd=s:2;o:rum")
	ddLink := trace.Link{SpanContext: trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}, TraceState: ddState})}
	for _, tc := range []struct {
		name     string
		s        sampler
		header   string
		links    []trace.Link
		prio     int
		dm       string
		unmarked bool // X-Ray sampled it
	}{
		{"default keep, sampled", sampler{}, header(1), nil, 1, "-0", true},
		{"default keep, unsampled", sampler{}, header(0), nil, 1, "-0", false},
		{"default keep, no header", sampler{}, "", nil, 1, "-0", false},
		{"incoming Datadog context wins", sampler{rules: []rule{{rate: 0}}}, header(1), []trace.Link{ddLink}, 2, "", true},
		{"merge, sampled", sampler{merge: true}, header(1), nil, 2, "", true},
		{"merge, unsampled", sampler{merge: true}, header(0), nil, -1, "", false},
		{"rate 1", sampler{rules: []rule{{rate: 1}}}, header(0), nil, 2, "-3", false},
		{"rate 0", sampler{rules: []rule{{rate: 0}}}, header(1), nil, -1, "-3", true},
		{"rule of another service", sampler{service: "orders", rules: []rule{{service: "pay*", rate: 0}}}, header(1), nil, 1, "-0", true},
		{"rule of this service", sampler{service: "orders", rules: []rule{{service: "ord*", name: "aws.lambda", rate: 0}}}, header(1), nil, -1, "-3", true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := tc.s
			s.limit = newLimiter(100)
			s.getenv = func(string) string { return "" }
			ctx := context.Background()
			if tc.header != "" {
				//lint:ignore SA1029 the plain string key is aws-lambda-go's
				ctx = context.WithValue(ctx, "x-amzn-trace-id", tc.header)
				sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{2}, Remote: true})
				if tc.header == header(1) {
					sc = sc.WithTraceFlags(trace.FlagsSampled)
				}
				ctx = trace.ContextWithRemoteSpanContext(ctx, sc)
			}
			r := s.ShouldSample(sdktrace.SamplingParameters{ParentContext: ctx, TraceID: tid, Name: "GET /orders", Links: tc.links})
			if r.Decision != sdktrace.RecordAndSample {
				t.Errorf("decision %v: every invocation is recorded", r.Decision)
			}
			prio, dm, ok := ddtrace.Priority(r.Tracestate)
			if !ok || prio != tc.prio || dm != tc.dm {
				t.Errorf("priority %d %q (%v), want %d %q", prio, dm, ok, tc.prio, tc.dm)
			}
			if marked := r.Tracestate.Get(ddtrace.StateKey) == ddtrace.StateUnsampled; marked == tc.unmarked {
				t.Errorf("tracestate %q: X-Ray sampled = %v, want %v", r.Tracestate, !marked, tc.unmarked)
			}
			// A child inherits the decision.
			child := trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID{3}, TraceFlags: trace.FlagsSampled, TraceState: r.Tracestate})
			cr := s.ShouldSample(sdktrace.SamplingParameters{ParentContext: trace.ContextWithSpanContext(context.Background(), child), TraceID: tid})
			if cr.Decision != sdktrace.RecordAndSample || cr.Tracestate.String() != r.Tracestate.String() {
				t.Errorf("child: %v %q", cr.Decision, cr.Tracestate)
			}
		})
	}
}

func TestLimiter(t *testing.T) {
	now := time.Unix(1000, 0)
	l := newLimiter(2)
	l.now = func() time.Time { return now }
	got := []bool{l.allow(), l.allow(), l.allow()}
	now = now.Add(500 * time.Millisecond)
	got = append(got, l.allow(), l.allow())
	want := []bool{true, true, false, true, false}
	for i := range want {
		if got[i] != want[i] {
			t.Fatalf("allow = %v, want %v", got, want)
		}
	}
}

func TestSampledByRate(t *testing.T) {
	kept := 0
	for i := uint64(1); i <= 10000; i++ {
		if sampledByRate(i*0x9e3779b97f4a7c15, 0.25) {
			kept++
		}
	}
	if kept < 2000 || kept > 3000 {
		t.Errorf("rate 0.25 kept %d of 10000", kept)
	}
}
