package catalog

import (
	"context"
	"fmt"
	"log/slog"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/otelxray/otelxray/awssdk"
	"github.com/otelxray/otelxray/slogtrace"
)

// Settings are the functions' settings, from the environment the template
// sets; each function reads the ones it needs.
type Settings struct {
	// ProductTable is PRODUCT_TABLE ("products" if unset), StockTable
	// STOCK_TABLE ("stock").
	ProductTable, StockTable string
	// TopicARN is TOPIC_ARN, the SNS topic of product changes.
	TopicARN string
	// EventBus is EVENT_BUS ("default" if unset).
	EventBus string
	// StateMachineARN is STATE_MACHINE_ARN, the restock workflow.
	StateMachineARN string
}

// FromEnv reads the settings.
func FromEnv() Settings {
	get := func(k, def string) string {
		if v := os.Getenv(k); v != "" {
			return v
		}
		return def
	}
	return Settings{
		ProductTable: get("PRODUCT_TABLE", "products"), StockTable: get("STOCK_TABLE", "stock"),
		TopicARN: os.Getenv("TOPIC_ARN"), EventBus: get("EVENT_BUS", "default"),
		StateMachineARN: os.Getenv("STATE_MACHINE_ARN"),
	}
}

// AWSConfig loads the AWS configuration from the environment, as in any
// Lambda function, with every SDK call traced by awssdk. The Datadog
// carrier (_datadog) goes into messages and events as well as X-Ray's and
// W3C's: EventBridge consumers read it from the event's detail, where it
// is the only context an event carries. Outside AWS, AWS_ENDPOINT_URL
// points the clients at a stand-in.
func AWSConfig(ctx context.Context) (aws.Config, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithDatadogCarrier())
	return cfg, nil
}

// UseTraceLogs makes slog's default logger write JSON with the X-Ray trace
// id, the span id and the Lambda request id of the record's context. Call
// it first in main.
func UseTraceLogs() {
	slog.SetDefault(slog.New(slogtrace.NewLambdaHandler(os.Stdout)))
}
