package inventory

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
)

// Handler starts restock workflows. Make one with New, in main.
type Handler struct {
	settings catalog.Settings
	sfn      *sfn.Client
}

// New builds the handler's client from the environment.
func New(ctx context.Context) (*Handler, error) {
	cfg, err := catalog.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{settings: catalog.FromEnv(), sfn: sfn.NewFromConfig(cfg)}, nil
}

// Handle starts a restock execution per message; the messages it could not
// handle are reported as batch item failures (ReportBatchItemFailures).
func (h *Handler) Handle(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	var resp events.SQSEventResponse
	for _, m := range e.Records {
		if err := h.restock(ctx, m); err != nil {
			slog.ErrorContext(ctx, "starting the restock failed; SQS will deliver the message again", "message.id", m.MessageId, "error", err)
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
		}
	}
	return resp, nil
}

func (h *Handler) restock(ctx context.Context, m events.SQSMessage) error {
	var ev struct {
		Detail catalog.Pricing `json:"detail"`
	}
	if err := json.Unmarshal([]byte(m.Body), &ev); err != nil || ev.Detail.ProductID == "" {
		return fmt.Errorf("not a PriceCalculated event (%v)", err)
	}
	input, _ := json.Marshal(catalog.RestockInput{ProductID: ev.Detail.ProductID})
	_, err := h.sfn.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &h.settings.StateMachineARN,
		Input: aws.String(string(input))})
	return err
}
