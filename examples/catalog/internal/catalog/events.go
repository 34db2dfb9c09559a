package catalog

import (
	"context"
	"encoding/json"

	"github.com/aws/aws-sdk-go-v2/aws"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/trace"
)

// Product is an item of the catalog.
type Product struct {
	ID    string  `json:"id"`
	Name  string  `json:"name"`
	Price float64 `json:"price"`
}

// The event types, as SNS messages' "type" and EventBridge detail-types.
const (
	ProductCreated  = "ProductCreated"
	ProductUpdated  = "ProductUpdated"
	PriceCalculated = "PriceCalculated"
)

// The EventBridge sources.
const (
	SourcePricing   = "catalog.pricing"
	SourceAnalytics = "catalog.analytics"
)

// ProductEvent is the SNS message the product API publishes.
type ProductEvent struct {
	Type    string  `json:"type"`
	Product Product `json:"product"`
}

// Pricing is the detail of a PriceCalculated event.
type Pricing struct {
	ProductID    string  `json:"productId"`
	Price        float64 `json:"price"`
	PriceWithTax float64 `json:"priceWithTax"`
}

// RestockInput is the restock workflow's input, and its Task's payload.
type RestockInput struct {
	ProductID string `json:"productId"`
}

// AnalyticsEntry is the event that tells the analytics function that
// eventType happened, with detail. Its TraceHeader names a new trace, with
// no parent, and the sampling decision of ctx's span: EventBridge passes
// that header to the function, whose invocation so starts a trace of its
// own instead of joining the producer's, and links to the producer through
// the _datadog carrier awssdk puts in the detail. A busy producer's traces
// stay its own, and analytics gets one small trace per event.
func AnalyticsEntry(ctx context.Context, bus, eventType string, detail any) (ebtypes.PutEventsRequestEntry, error) {
	b, err := json.Marshal(detail)
	if err != nil {
		return ebtypes.PutEventsRequestEntry{}, err
	}
	return ebtypes.PutEventsRequestEntry{EventBusName: aws.String(bus), Source: aws.String(SourceAnalytics),
		DetailType: aws.String(eventType), Detail: aws.String(string(b)), TraceHeader: aws.String(newTrace(ctx))}, nil
}

var ids = xray.NewIDGenerator()

// newTrace is an X-Ray trace header for a new trace: a Root, no Parent,
// and the sampling decision of ctx's span.
func newTrace(ctx context.Context) string {
	t, _ := ids.NewIDs(ctx)
	s := t.String()
	sampled := "0"
	if trace.SpanContextFromContext(ctx).IsSampled() {
		sampled = "1"
	}
	return "Root=1-" + s[:8] + "-" + s[8:] + ";Sampled=" + sampled
}
