package catalog

import (
	"context"
	"regexp"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"go.opentelemetry.io/otel/trace"
)

// TestAnalyticsEntry: the entry names a new trace, with no Parent, and the
// sampling decision of the producer's span.
func TestAnalyticsEntry(t *testing.T) {
	sampled := trace.ContextWithSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled}))
	for _, tc := range []struct {
		name string
		ctx  context.Context
		want string
	}{
		{"sampled", sampled, `^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=1$`},
		{"no span", context.Background(), `^Root=1-[0-9a-f]{8}-[0-9a-f]{24};Sampled=0$`},
	} {
		e, err := AnalyticsEntry(tc.ctx, "default", ProductCreated, Product{ID: "p-1"})
		if err != nil {
			t.Fatal(err)
		}
		if h := aws.ToString(e.TraceHeader); !regexp.MustCompile(tc.want).MatchString(h) {
			t.Errorf("%s: TraceHeader %q, want %s", tc.name, h, tc.want)
		}
		if aws.ToString(e.Source) != SourceAnalytics || aws.ToString(e.DetailType) != ProductCreated || aws.ToString(e.Detail) != `{"id":"p-1","name":"","price":0}` {
			t.Errorf("%s: entry %+v", tc.name, e)
		}
	}
	if _, err := AnalyticsEntry(context.Background(), "default", ProductCreated, func() {}); err == nil {
		t.Error("a detail that is not JSON made an entry")
	}
}
