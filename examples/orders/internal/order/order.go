package order

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"strconv"
	"time"

	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
)

// Order is one order, as stored in the table and returned by the API.
type Order struct {
	ID       string    `json:"id"`
	Customer string    `json:"customer"`
	Item     string    `json:"item"`
	Quantity int       `json:"quantity"`
	Status   string    `json:"status"`
	Created  time.Time `json:"created"`
}

// Statuses of an order.
const (
	StatusReceived  = "received"  // stored by post
	StatusProcessed = "processed" // updated by handle-change
)

// NewID returns a new order id.
func NewID() string {
	var b [6]byte
	_, _ = rand.Read(b[:])
	return "o-" + hex.EncodeToString(b[:])
}

// Attributes is o as a DynamoDB item, keyed by "id".
func (o Order) Attributes() map[string]types.AttributeValue {
	return map[string]types.AttributeValue{
		"id":       &types.AttributeValueMemberS{Value: o.ID},
		"customer": &types.AttributeValueMemberS{Value: o.Customer},
		"item":     &types.AttributeValueMemberS{Value: o.Item},
		"quantity": &types.AttributeValueMemberN{Value: strconv.Itoa(o.Quantity)},
		"status":   &types.AttributeValueMemberS{Value: o.Status},
		"created":  &types.AttributeValueMemberS{Value: o.Created.UTC().Format(time.RFC3339Nano)},
	}
}

// Key is the DynamoDB key of the order id.
func Key(id string) map[string]types.AttributeValue {
	return map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: id}}
}

// FromItem reads an order from a DynamoDB item.
func FromItem(item map[string]types.AttributeValue) (Order, error) {
	str := func(k string) string {
		if v, ok := item[k].(*types.AttributeValueMemberS); ok {
			return v.Value
		}
		return ""
	}
	o := Order{ID: str("id"), Customer: str("customer"), Item: str("item"), Status: str("status")}
	if o.ID == "" {
		return Order{}, errors.New("order: item has no id")
	}
	if n, ok := item["quantity"].(*types.AttributeValueMemberN); ok {
		o.Quantity, _ = strconv.Atoi(n.Value)
	}
	o.Created, _ = time.Parse(time.RFC3339Nano, str("created"))
	return o, nil
}

// Context is the order context that read serves and post sends along with
// every new order: the terms that applied, and who served them.
type Context struct {
	Currency  string  `json:"currency"`
	TaxRate   float64 `json:"tax_rate"`
	Warehouse string  `json:"warehouse"`
	// ServedBy is the request id of the read invocation, and TraceID the
	// trace it ran in (post's, when post asked).
	ServedBy string `json:"served_by"`
	TraceID  string `json:"trace_id"`
}

// Change is the message post sends to the queue for each new order.
type Change struct {
	Order   Order   `json:"order"`
	Context Context `json:"context"`
}
