package analytics

import (
	"context"
	"slices"
	"testing"

	"github.com/aws/aws-lambda-go/events"
)

// TestHandle: Handle counts each event once under its detail-type.
func TestHandle(t *testing.T) {
	for _, tc := range []struct {
		detailType string
		wantTag    string
	}{
		{"ProductCreated", "event_type:ProductCreated"},
		{"PriceCalculated", "event_type:PriceCalculated"},
		{"", "event_type:"},
	} {
		var got []string
		count := func(_ context.Context, name string, value float64, tags ...string) {
			got = append(got, name)
			got = append(got, tags...)
			if value != 1 {
				t.Errorf("%q: value %v, want 1", tc.detailType, value)
			}
		}
		if err := New(count).Handle(context.Background(), events.EventBridgeEvent{DetailType: tc.detailType}); err != nil {
			t.Fatal(err)
		}
		if want := []string{Metric, tc.wantTag}; !slices.Equal(got, want) {
			t.Errorf("%q: counted %q, want %q", tc.detailType, got, want)
		}
	}
}
