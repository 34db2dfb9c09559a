package analytics

import (
	"context"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
)

// Metric is the name of the count of events, tagged event_type:<type>.
const Metric = "catalog.events"

// Counter adds value to the count name with tags ("key:value"):
// ddlambda.Count in the function, a recorder in tests.
type Counter func(ctx context.Context, name string, value float64, tags ...string)

// Handler counts events. Make one with New.
type Handler struct {
	count Counter
}

// New returns a Handler counting with count.
func New(count Counter) *Handler { return &Handler{count: count} }

// Handle counts the event under its detail-type.
func (h *Handler) Handle(ctx context.Context, e events.EventBridgeEvent) error {
	h.count(ctx, Metric, 1, "event_type:"+e.DetailType)
	slog.InfoContext(ctx, "event counted", "event.type", e.DetailType, "event.id", e.ID)
	return nil
}
