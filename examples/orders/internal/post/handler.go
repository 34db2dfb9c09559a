package post

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/metadata"
)

// Handler handles POST /orders. Make one with New, in main.
type Handler struct {
	settings order.Settings
	ddb      *dynamodb.Client
	sqs      *sqs.Client
	http     *http.Client
}

// New builds the handler's clients from the environment.
func New(ctx context.Context) (*Handler, error) {
	s := order.FromEnv()
	if s.QueueURL == "" {
		return nil, fmt.Errorf("post: QUEUE_URL is not set")
	}
	cfg, err := order.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	// No client timeout: the invocation's deadline bounds the call.
	return &Handler{settings: s, ddb: dynamodb.NewFromConfig(cfg), sqs: sqs.NewFromConfig(cfg), http: &http.Client{}}, nil
}

// request is the body of POST /orders.
type request struct {
	Customer string `json:"customer"`
	Item     string `json:"item"`
	Quantity int    `json:"quantity"`
}

// Handle creates an order. It answers 201 with the order and its context.
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	var in request
	if err := json.Unmarshal([]byte(req.Body), &in); err != nil || in.Item == "" || in.Quantity < 1 {
		return order.Error(http.StatusBadRequest, `the body must be {"customer":"...","item":"...","quantity":N}`), nil
	}
	o := order.Order{ID: order.NewID(), Customer: in.Customer, Item: in.Item, Quantity: in.Quantity,
		Status: order.StatusReceived, Created: time.Now()}
	// The order id becomes an annotation of the invocation: searchable as
	// annotation.order_id in X-Ray.
	trace.SpanFromContext(ctx).SetAttributes(metadata.Annotate(attribute.String("order.id", o.ID))...)

	var c order.Context
	if err := getJSON(ctx, h.http, apiBase(req)+"/context", &c); err != nil {
		slog.ErrorContext(ctx, "reading the order context failed", "error", err)
		return order.Error(http.StatusBadGateway, "the order context is unavailable"), nil
	}
	if _, err := h.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &h.settings.Table, Item: o.Attributes()}); err != nil {
		slog.ErrorContext(ctx, "storing the order failed", "order.id", o.ID, "error", err)
		return order.Error(http.StatusInternalServerError, "storing the order failed"), nil
	}
	msg, _ := json.Marshal(order.Change{Order: o, Context: c})
	if _, err := h.sqs.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &h.settings.QueueURL, MessageBody: aws.String(string(msg))}); err != nil {
		slog.ErrorContext(ctx, "sending the order change failed", "order.id", o.ID, "error", err)
		return order.Error(http.StatusInternalServerError, "sending the order change failed"), nil
	}
	slog.InfoContext(ctx, "order created", "order.id", o.ID, "item", o.Item, "quantity", o.Quantity)
	return order.JSON(http.StatusCreated, order.Change{Order: o, Context: c}), nil
}

// apiBase is the URL of the API stage that req came through, such as
// "https://abc123.execute-api.eu-west-1.amazonaws.com/Prod": read is
// called through the same API.
func apiBase(req events.APIGatewayProxyRequest) string {
	proto := "https"
	for k, v := range req.Headers {
		if strings.EqualFold(k, "X-Forwarded-Proto") && v != "" {
			proto = v
		}
	}
	return proto + "://" + req.RequestContext.DomainName + "/" + req.RequestContext.Stage
}
