package product

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"net/http"
	"strconv"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sns"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
)

// Handler serves the product API. Make one with New, in main.
type Handler struct {
	settings catalog.Settings
	ddb      *dynamodb.Client
	sns      *sns.Client
	events   *eventbridge.Client
}

// New builds the handler's clients from the environment.
func New(ctx context.Context) (*Handler, error) {
	cfg, err := catalog.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{settings: catalog.FromEnv(), ddb: dynamodb.NewFromConfig(cfg), sns: sns.NewFromConfig(cfg),
		events: eventbridge.NewFromConfig(cfg)}, nil
}

// Handle serves one request.
func (h *Handler) Handle(ctx context.Context, r events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	switch {
	case r.HTTPMethod == http.MethodGet && r.PathParameters["id"] != "":
		return h.get(ctx, r.PathParameters["id"])
	case r.HTTPMethod == http.MethodPost:
		return h.put(ctx, newID(), r.Body, catalog.ProductCreated, http.StatusCreated)
	case r.HTTPMethod == http.MethodPut && r.PathParameters["id"] != "":
		return h.put(ctx, r.PathParameters["id"], r.Body, catalog.ProductUpdated, http.StatusOK)
	}
	return respond(http.StatusNotFound, map[string]string{"error": "no such route"})
}

func (h *Handler) get(ctx context.Context, id string) (events.APIGatewayProxyResponse, error) {
	out, err := h.ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: &h.settings.ProductTable,
		Key: map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: id}}})
	if err != nil {
		return events.APIGatewayProxyResponse{}, fmt.Errorf("reading product %s: %w", id, err)
	}
	if out.Item == nil {
		return respond(http.StatusNotFound, map[string]string{"error": "no product " + id})
	}
	p := catalog.Product{ID: id}
	if s, ok := out.Item["name"].(*ddbtypes.AttributeValueMemberS); ok {
		p.Name = s.Value
	}
	if n, ok := out.Item["price"].(*ddbtypes.AttributeValueMemberN); ok {
		p.Price, _ = strconv.ParseFloat(n.Value, 64)
	}
	return respond(http.StatusOK, p)
}

// put stores the product and publishes the change.
func (h *Handler) put(ctx context.Context, id, body, eventType string, status int) (events.APIGatewayProxyResponse, error) {
	var p catalog.Product
	if err := json.Unmarshal([]byte(body), &p); err != nil || p.Name == "" || p.Price <= 0 {
		return respond(http.StatusBadRequest, map[string]string{"error": `want {"name": "...", "price": > 0}`})
	}
	p.ID = id
	_, err := h.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &h.settings.ProductTable, Item: map[string]ddbtypes.AttributeValue{
		"id":    &ddbtypes.AttributeValueMemberS{Value: p.ID},
		"name":  &ddbtypes.AttributeValueMemberS{Value: p.Name},
		"price": &ddbtypes.AttributeValueMemberN{Value: strconv.FormatFloat(p.Price, 'f', -1, 64)},
	}})
	if err != nil {
		return events.APIGatewayProxyResponse{}, fmt.Errorf("storing product %s: %w", id, err)
	}
	msg, _ := json.Marshal(catalog.ProductEvent{Type: eventType, Product: p})
	if _, err := h.sns.Publish(ctx, &sns.PublishInput{TopicArn: &h.settings.TopicARN, Message: aws.String(string(msg))}); err != nil {
		return events.APIGatewayProxyResponse{}, fmt.Errorf("publishing %s of %s: %w", eventType, id, err)
	}
	entry, err := catalog.AnalyticsEntry(ctx, h.settings.EventBus, eventType, p)
	if err == nil {
		err = putEvents(ctx, h.events, entry)
	}
	if err != nil {
		// Analytics is not worth failing the request for.
		slog.WarnContext(ctx, "the analytics event was not sent", "error", err)
	}
	return respond(status, p)
}

// putEvents sends entries and fails when any of them failed.
func putEvents(ctx context.Context, c *eventbridge.Client, entries ...ebtypes.PutEventsRequestEntry) error {
	out, err := c.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: entries})
	if err != nil {
		return err
	}
	if out.FailedEntryCount > 0 {
		return errors.New(strconv.Itoa(int(out.FailedEntryCount)) + " event(s) not accepted")
	}
	return nil
}

func respond(status int, v any) (events.APIGatewayProxyResponse, error) {
	b, err := json.Marshal(v)
	return events.APIGatewayProxyResponse{StatusCode: status, Body: string(b),
		Headers: map[string]string{"Content-Type": "application/json"}}, err
}

func newID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "p-" + hex.EncodeToString(b[:])
}
