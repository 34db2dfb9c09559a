package stock

import (
	"context"
	"errors"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"

	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
)

// restockTo is the stock level a restock sets.
const restockTo = 100

// Result is the Task's output.
type Result struct {
	ProductID string `json:"productId"`
	Stock     int    `json:"stock"`
}

// Handler restocks products. Make one with New, in main.
type Handler struct {
	settings catalog.Settings
	ddb      *dynamodb.Client
}

// New builds the handler's client from the environment.
func New(ctx context.Context) (*Handler, error) {
	cfg, err := catalog.AWSConfig(ctx)
	if err != nil {
		return nil, err
	}
	return &Handler{settings: catalog.FromEnv(), ddb: dynamodb.NewFromConfig(cfg)}, nil
}

// Handle records the product's new stock level.
func (h *Handler) Handle(ctx context.Context, in catalog.RestockInput) (Result, error) {
	if in.ProductID == "" {
		return Result{}, errors.New("the input has no productId")
	}
	_, err := h.ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: &h.settings.StockTable, Item: map[string]ddbtypes.AttributeValue{
		"id":    &ddbtypes.AttributeValueMemberS{Value: in.ProductID},
		"stock": &ddbtypes.AttributeValueMemberN{Value: strconv.Itoa(restockTo)},
	}})
	return Result{ProductID: in.ProductID, Stock: restockTo}, err
}
