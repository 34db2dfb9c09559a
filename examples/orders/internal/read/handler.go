package read

import (
	"context"
	"log/slog"
	"net/http"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambdacontext"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/metadata"
)

// Handler handles the GET routes. Make one with New, in main.
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

// Handle serves GET /context and GET /orders/{id}.
func (h *Handler) Handle(ctx context.Context, req events.APIGatewayProxyRequest) (events.APIGatewayProxyResponse, error) {
	switch req.Resource {
	case "/context":
		return order.JSON(http.StatusOK, orderContext(ctx)), nil
	case "/orders/{id}":
		return h.order(ctx, req.PathParameters["id"]), nil
	}
	return order.Error(http.StatusNotFound, "no route for "+req.Resource), nil
}

// orderContext is the context of new orders; it names the invocation and
// the trace that served it.
func orderContext(ctx context.Context) order.Context {
	c := order.Context{Currency: "EUR", TaxRate: 0.2, Warehouse: "eu-west-1a"}
	if t := trace.SpanContextFromContext(ctx).TraceID(); t.IsValid() {
		s := t.String()
		c.TraceID = "1-" + s[:8] + "-" + s[8:] // as X-Ray writes it
	}
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		c.ServedBy = lc.AwsRequestID
	}
	return c
}

func (h *Handler) order(ctx context.Context, id string) events.APIGatewayProxyResponse {
	trace.SpanFromContext(ctx).SetAttributes(metadata.Annotate(attribute.String("order.id", id))...)
	out, err := h.ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: &h.settings.Table, Key: order.Key(id)})
	if err != nil {
		slog.ErrorContext(ctx, "reading the order failed", "order.id", id, "error", err)
		return order.Error(http.StatusInternalServerError, "reading the order failed")
	}
	if out.Item == nil {
		return order.Error(http.StatusNotFound, "no order "+id)
	}
	o, err := order.FromItem(out.Item)
	if err != nil {
		return order.Error(http.StatusInternalServerError, err.Error())
	}
	return order.JSON(http.StatusOK, o)
}
