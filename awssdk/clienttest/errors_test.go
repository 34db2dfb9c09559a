package clienttest

import (
	"context"
	"errors"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
)

func getItem(ctx context.Context, cfg aws.Config) error {
	_, err := dynamodb.NewFromConfig(cfg).GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("orders"), Key: secretKey()})
	return err
}

// TestFailures checks retries, errors, throttling and faults, as the
// exporter sends them. The retryer makes 3 attempts at most.
func TestFailures(t *testing.T) {
	throttled := awsJSONError(400, "ThrottlingException", "Rate of requests exceeds the allowed throughput.")
	tests := []struct {
		name     string
		replies  []reply
		call     func(ctx context.Context, h *harness) error
		wantErr  bool
		requests int
		want     map[string]any
	}{
		{"500 then 200 is one retry", []reply{awsJSONError(500, "InternalServerError", "try again")},
			func(ctx context.Context, h *harness) error { return getItem(ctx, h.cfg) }, false, 2,
			map[string]any{
				"aws.retries": 1, "aws.request_id": "req-1", "http.response.status": 200, "aws.table_name": "orders",
				"error": absent{}, "fault": absent{}, "throttle": absent{}, "cause": absent{},
			}},
		{"400 ThrottlingException is error and throttle", []reply{throttled, throttled, throttled},
			func(ctx context.Context, h *harness) error { return getItem(ctx, h.cfg) }, true, 3,
			map[string]any{
				"aws.retries": 2, "aws.request_id": "req-2", "http.response.status": 400, "aws.table_name": "orders",
				"error": true, "throttle": true, "fault": absent{},
				"cause.exceptions.0.type": "ThrottlingException", "cause.exceptions.0.remote": true,
				"cause.exceptions.0.message": present{},
			}},
		{"throttled once, then served", []reply{throttled},
			func(ctx context.Context, h *harness) error { return getItem(ctx, h.cfg) }, false, 2,
			map[string]any{"aws.retries": 1, "error": absent{}, "throttle": absent{}, "http.response.status": 200}},
		{"ProvisionedThroughputExceededException is a throttle", []reply{
			awsJSONError(400, "ProvisionedThroughputExceededException", "slow down"),
			awsJSONError(400, "ProvisionedThroughputExceededException", "slow down"),
			awsJSONError(400, "ProvisionedThroughputExceededException", "slow down")},
			func(ctx context.Context, h *harness) error { return getItem(ctx, h.cfg) }, true, 3,
			map[string]any{"error": true, "throttle": true, "fault": absent{},
				"cause.exceptions.0.type": "ProvisionedThroughputExceededException"}},
		{"400 ResourceNotFoundException is an error, not retried", []reply{awsJSONError(400, "ResourceNotFoundException", "no table")},
			func(ctx context.Context, h *harness) error { return getItem(ctx, h.cfg) }, true, 1,
			map[string]any{"aws.retries": 0, "http.response.status": 400, "error": true, "throttle": absent{}, "fault": absent{},
				"cause.exceptions.0.type": "ResourceNotFoundException"}},
		{"SQS 500 three times is a fault", []reply{
			awsJSONError(500, "InternalError", "boom"), awsJSONError(500, "InternalError", "boom"), awsJSONError(500, "InternalError", "boom")},
			func(ctx context.Context, h *harness) error {
				_, err := sqs.NewFromConfig(h.cfg).SendMessage(ctx, &sqs.SendMessageInput{
					QueueUrl: aws.String(queueURL), MessageBody: aws.String(messageSecret)})
				return err
			}, true, 3,
			map[string]any{"name": "SQS", "aws.retries": 2, "aws.queue_url": queueURL, "http.response.status": 500,
				"fault": true, "error": absent{}, "throttle": absent{}, "cause.exceptions.0.type": "InternalError"}},
		{"S3 503 SlowDown is a throttle", []reply{
			s3Error(503, "SlowDown", "Please reduce your request rate."), s3Error(503, "SlowDown", "Please reduce your request rate."),
			s3Error(503, "SlowDown", "Please reduce your request rate.")},
			func(ctx context.Context, h *harness) error {
				_, err := s3.NewFromConfig(h.cfg, func(o *s3.Options) { o.UsePathStyle = true }).DeleteObject(ctx,
					&s3.DeleteObjectInput{Bucket: aws.String("invoices"), Key: aws.String("a.pdf")})
				return err
			}, true, 3,
			map[string]any{"name": "S3", "aws.bucket_name": "invoices", "aws.key_name": "a.pdf", "http.response.status": 503,
				"error": true, "throttle": true, "fault": absent{}, "aws.retries": 2, "cause.exceptions.0.type": "SlowDown"}},
		{"SNS 400 Throttling is a throttle", []reply{
			queryError(400, "Throttling", "Rate exceeded"), queryError(400, "Throttling", "Rate exceeded"),
			queryError(400, "Throttling", "Rate exceeded")},
			func(ctx context.Context, h *harness) error {
				_, err := sns.NewFromConfig(h.cfg).Publish(ctx, &sns.PublishInput{
					TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:t"), Message: aws.String(messageSecret)})
				return err
			}, true, 3,
			map[string]any{"name": "SNS", "error": true, "throttle": true, "aws.topic_arn": "arn:aws:sns:eu-west-1:123456789012:t"}},
		{"a context cancelled mid-call is a fault without a status", []reply{{hang: true}},
			func(ctx context.Context, h *harness) error {
				ctx, cancel := context.WithCancel(ctx)
				defer cancel()
				go func() { <-h.aws.arrived; cancel() }()
				err := getItem(ctx, h.cfg)
				if !errors.Is(err, context.Canceled) {
					t.Errorf("err = %v, want context.Canceled", err)
				}
				return err
			}, true, 1,
			map[string]any{"aws.retries": 0, "aws.table_name": "orders", "http": absent{}, "aws.request_id": absent{},
				"fault": true, "error": absent{}, "throttle": absent{},
				"cause.exceptions.0.type": "context.Canceled", "cause.exceptions.0.message": present{}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOptions{})
			h.aws.then(tt.replies...)
			o := h.run(1, func(ctx context.Context) error { return tt.call(ctx, h) })
			if (o.err != nil) != tt.wantErr {
				t.Fatalf("err = %v, want an error: %v", o.err, tt.wantErr)
			}
			if n := len(h.aws.requests()); n != tt.requests {
				t.Errorf("server got %d requests, want %d", n, tt.requests)
			}
			want := map[string]any{"namespace": "aws", "parent_id": o.root["id"]}
			for k, v := range tt.want {
				want[k] = v
			}
			checkDoc(t, o.call(t), want)
		})
	}
}
