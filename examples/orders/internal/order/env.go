package order

import (
	"context"
	"fmt"
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"

	"github.com/otelxray/otelxray/awssdk"
)

// Settings are the functions' settings, from the environment the
// deployment template sets.
type Settings struct {
	// Table is TABLE_NAME, the DynamoDB table of orders ("orders" if unset).
	Table string
	// QueueURL is QUEUE_URL, the SQS queue of order changes (post only).
	QueueURL string
}

// FromEnv reads the settings.
func FromEnv() Settings {
	s := Settings{Table: os.Getenv("TABLE_NAME"), QueueURL: os.Getenv("QUEUE_URL")}
	if s.Table == "" {
		s.Table = "orders"
	}
	return s
}

// AWSConfig loads the AWS configuration from the environment, as in any
// Lambda function, with every SDK call traced (awssdk). Outside AWS,
// AWS_ENDPOINT_URL points the clients at a stand-in.
func AWSConfig(ctx context.Context) (aws.Config, error) {
	cfg, err := config.LoadDefaultConfig(ctx)
	if err != nil {
		return aws.Config{}, fmt.Errorf("loading the AWS configuration: %w", err)
	}
	awssdk.AppendMiddlewares(&cfg.APIOptions)
	return cfg, nil
}
