package change

import (
	"context"
	"encoding/json"
	"log/slog"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/metadata"
)

// Handler handles batches of order changes. Make one with New, in main.
type Handler struct {
	settings order.Settings
	ddb      *dynamodb.Client
}

// New builds the handler's client from the environment.
func New(ctx context.Context) (*Handler, error) {
	cfg, err := order.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{settings: order.FromEnv(), ddb: dynamodb.NewFromConfig(cfg)}, nil
}

// Handle marks the order of every message processed. It reports the
// messages it could not process as batch item failures (the event source
// has ReportBatchItemFailures on), so that SQS delivers only those again.
func (h *Handler) Handle(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
	trace.SpanFromContext(ctx).SetAttributes(metadata.Annotate(attribute.Int("order.count", len(e.Records)))...)
	var resp events.SQSEventResponse
	for _, m := range e.Records {
		if err := h.process(ctx, m); err != nil {
			slog.ErrorContext(ctx, "processing the message failed; SQS will deliver it again", "message.id", m.MessageId, "error", err)
			resp.BatchItemFailures = append(resp.BatchItemFailures, events.SQSBatchItemFailure{ItemIdentifier: m.MessageId})
			continue
		}
		slog.InfoContext(ctx, "order change processed", "message.id", m.MessageId)
	}
	return resp, nil
}

func (h *Handler) process(ctx context.Context, m events.SQSMessage) error {
	var c order.Change
	if err := json.Unmarshal([]byte(m.Body), &c); err != nil {
		return err
	}
	c.Order.Status = order.StatusProcessed
	_, err := h.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &h.settings.Table, Item: c.Order.Attributes()})
	return err
}
