package pricing

import (
	"context"
	"encoding/json"
	"fmt"
	"math"
	"strconv"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
)

// taxRate is the demo's sales tax.
const taxRate = 0.2

// Handler prices products. Make one with New, in main.
type Handler struct {
	settings catalog.Settings
	events   *eventbridge.Client
}

// New builds the handler's client from the environment.
func New(ctx context.Context) (*Handler, error) {
	cfg, err := catalog.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{settings: catalog.FromEnv(), events: eventbridge.NewFromConfig(cfg)}, nil
}

// Handle prices the product of every record. An error makes Lambda retry
// the event (SNS invokes asynchronously).
func (h *Handler) Handle(ctx context.Context, e events.SNSEvent) error {
	for _, r := range e.Records {
		var pe catalog.ProductEvent
		if err := json.Unmarshal([]byte(r.SNS.Message), &pe); err != nil {
			return fmt.Errorf("message %s is not a product event: %w", r.SNS.MessageID, err)
		}
		p := catalog.Pricing{ProductID: pe.Product.ID, Price: pe.Product.Price,
			PriceWithTax: math.Round(pe.Product.Price*(1+taxRate)*100) / 100}
		detail, _ := json.Marshal(p)
		analytics, err := catalog.AnalyticsEntry(ctx, h.settings.EventBus, catalog.PriceCalculated, p)
		if err != nil {
			return err
		}
		out, err := h.events.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
			{EventBusName: &h.settings.EventBus, Source: aws.String(catalog.SourcePricing),
				DetailType: aws.String(catalog.PriceCalculated), Detail: aws.String(string(detail))},
			analytics,
		}})
		if err != nil {
			return fmt.Errorf("publishing the price of %s: %w", p.ProductID, err)
		}
		if out.FailedEntryCount > 0 {
			return fmt.Errorf("publishing the price of %s: %s event(s) not accepted", p.ProductID, strconv.Itoa(int(out.FailedEntryCount)))
		}
	}
	return nil
}
