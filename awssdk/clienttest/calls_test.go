package clienttest

import (
	"context"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	lambdatypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

const queueURL = "https://sqs.eu-west-1.amazonaws.com/123456789012/orders"

func secretKey() map[string]ddbtypes.AttributeValue {
	return map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: itemSecret}}
}

// TestCalls makes one successful call per case with a real client and
// checks the subsegment the exporter sent, field by field.
func TestCalls(t *testing.T) {
	tests := []struct {
		name string
		call func(ctx context.Context, cfg aws.Config) error
		want map[string]any
	}{
		{"DynamoDB GetItem", func(ctx context.Context, cfg aws.Config) error {
			_, err := dynamodb.NewFromConfig(cfg).GetItem(ctx, &dynamodb.GetItemInput{
				TableName: aws.String("orders"), Key: secretKey(), ConsistentRead: aws.Bool(true),
				ProjectionExpression: aws.String("id, total"), ReturnConsumedCapacity: ddbtypes.ReturnConsumedCapacityTotal,
			})
			return err
		}, map[string]any{
			"name": "DynamoDB", "namespace": "aws", "aws.operation": "GetItem", "aws.region": testRegion,
			"aws.request_id": "req-0", "aws.retries": 0, "aws.table_name": "orders", "aws.consistent_read": true,
			"aws.projection_expression": "id, total", "aws.consumed_capacity": 0.5,
			"http.response.status": 200, "http.response.content_length": present{}, "http.request": absent{},
			"error": absent{}, "throttle": absent{}, "fault": absent{}, "cause": absent{},
			"aws.key": absent{}, "aws.item": absent{}, "metadata": absent{},
		}},
		{"DynamoDB Query on an index", func(ctx context.Context, cfg aws.Config) error {
			_, err := dynamodb.NewFromConfig(cfg).Query(ctx, &dynamodb.QueryInput{
				TableName: aws.String("orders"), IndexName: aws.String("by-customer"), Limit: aws.Int32(10),
				ScanIndexForward: aws.Bool(false), Select: ddbtypes.SelectAllProjectedAttributes,
				KeyConditionExpression:    aws.String("customer = :c"),
				ExpressionAttributeValues: map[string]ddbtypes.AttributeValue{":c": &ddbtypes.AttributeValueMemberS{Value: itemSecret}},
			})
			return err
		}, map[string]any{
			"name": "DynamoDB", "aws.operation": "Query", "aws.table_name": "orders", "aws.index_name": "by-customer",
			"aws.limit": 10, "aws.scan_index_forward": false, "aws.select": "ALL_PROJECTED_ATTRIBUTES",
			"aws.count": 2, "aws.scanned_count": 5, "aws.item_count": 2, "aws.consumed_capacity": 1.5,
			"aws.key_condition_expression": absent{},
		}},
		{"DynamoDB BatchGetItem on two tables", func(ctx context.Context, cfg aws.Config) error {
			_, err := dynamodb.NewFromConfig(cfg).BatchGetItem(ctx, &dynamodb.BatchGetItemInput{
				RequestItems: map[string]ddbtypes.KeysAndAttributes{
					"orders":    {Keys: []map[string]ddbtypes.AttributeValue{secretKey()}},
					"customers": {Keys: []map[string]ddbtypes.AttributeValue{secretKey()}},
				},
			})
			return err
		}, map[string]any{
			"name": "DynamoDB", "aws.operation": "BatchGetItem", "aws.table_names": []string{"customers", "orders"},
			"aws.table_name": absent{}, "aws.consumed_capacity": 3.0,
		}},
		{"DynamoDB BatchWriteItem keeps item collection keys out", func(ctx context.Context, cfg aws.Config) error {
			_, err := dynamodb.NewFromConfig(cfg).BatchWriteItem(ctx, &dynamodb.BatchWriteItemInput{
				RequestItems:                map[string][]ddbtypes.WriteRequest{"orders": {{PutRequest: &ddbtypes.PutRequest{Item: secretKey()}}}},
				ReturnItemCollectionMetrics: ddbtypes.ReturnItemCollectionMetricsSize,
			})
			return err
		}, map[string]any{
			"aws.operation": "BatchWriteItem", "aws.table_name": "orders", "aws.consumed_capacity": 2,
			"aws.item_collection_metrics": absent{},
		}},
		{"DynamoDB TransactWriteItems on two tables", func(ctx context.Context, cfg aws.Config) error {
			_, err := dynamodb.NewFromConfig(cfg).TransactWriteItems(ctx, &dynamodb.TransactWriteItemsInput{
				TransactItems: []ddbtypes.TransactWriteItem{
					{Put: &ddbtypes.Put{TableName: aws.String("orders"), Item: secretKey()}},
					{Update: &ddbtypes.Update{TableName: aws.String("stock"), Key: secretKey(), UpdateExpression: aws.String("SET n = n - 1")}},
					{ConditionCheck: &ddbtypes.ConditionCheck{TableName: aws.String("orders"), Key: secretKey(), ConditionExpression: aws.String("attribute_exists(id)")}},
				},
			})
			return err
		}, map[string]any{
			"aws.operation": "TransactWriteItems", "aws.table_names": []string{"orders", "stock"},
		}},
		{"DynamoDB ExecuteStatement takes its table from the context", func(ctx context.Context, cfg aws.Config) error {
			ctx = metadata.With(ctx, metadata.AWS{TableName: "ledger",
				Params:      []attribute.KeyValue{attribute.String("statement_kind", "select")},
				Annotations: []attribute.KeyValue{attribute.String("tenant.id", "acme")}})
			_, err := dynamodb.NewFromConfig(cfg).ExecuteStatement(ctx, &dynamodb.ExecuteStatementInput{
				Statement: aws.String(`SELECT * FROM ledger WHERE id = '` + itemSecret + `'`),
			})
			return err
		}, map[string]any{
			"aws.operation": "ExecuteStatement", "aws.table_name": "ledger", "aws.statement_kind": "select",
			"annotations.tenant_id": "acme", "aws.statement": absent{},
		}},
		{"the request's table wins over the context's", func(ctx context.Context, cfg aws.Config) error {
			ctx = metadata.With(ctx, metadata.AWS{TableName: "ledger", QueueURL: queueURL})
			_, err := dynamodb.NewFromConfig(cfg).PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), Item: secretKey()})
			return err
		}, map[string]any{
			"aws.operation": "PutItem", "aws.table_name": "orders", "aws.queue_url": queueURL,
		}},
		{"SQS SendMessage", func(ctx context.Context, cfg aws.Config) error {
			_, err := sqs.NewFromConfig(cfg).SendMessage(ctx, &sqs.SendMessageInput{
				QueueUrl: aws.String(queueURL), MessageBody: aws.String(messageSecret), DelaySeconds: 5,
				MessageAttributes: map[string]sqstypes.MessageAttributeValue{
					"customer": {DataType: aws.String("String"), StringValue: aws.String(messageSecret)},
				},
			})
			return err
		}, map[string]any{
			"name": "SQS", "aws.operation": "SendMessage", "aws.queue_url": queueURL, "aws.message_id": "msg-1",
			"aws.delay_seconds": 5, "aws.message_attribute_names": []string{"customer"}, "aws.region": testRegion,
		}},
		{"SQS SendMessageBatch", func(ctx context.Context, cfg aws.Config) error {
			_, err := sqs.NewFromConfig(cfg).SendMessageBatch(ctx, &sqs.SendMessageBatchInput{
				QueueUrl: aws.String(queueURL), Entries: []sqstypes.SendMessageBatchRequestEntry{
					{Id: aws.String("a"), MessageBody: aws.String(messageSecret)},
					{Id: aws.String("b"), MessageBody: aws.String(messageSecret + "2")},
				},
			})
			return err
		}, map[string]any{
			"name": "SQS", "aws.operation": "SendMessageBatch", "aws.queue_url": queueURL,
			"aws.message_count": 2, "aws.successful_count": 2, "aws.failed_count": 0,
		}},
		{"SQS ReceiveMessage", func(ctx context.Context, cfg aws.Config) error {
			_, err := sqs.NewFromConfig(cfg).ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
				QueueUrl: aws.String(queueURL), MaxNumberOfMessages: 10, MessageAttributeNames: []string{"All"},
			})
			return err
		}, map[string]any{
			"aws.operation": "ReceiveMessage", "aws.queue_url": queueURL, "aws.message_count": 1,
			"aws.max_number_of_messages": 10, "aws.message_attribute_names": []string{"All"},
		}},
		{"SNS Publish", func(ctx context.Context, cfg aws.Config) error {
			_, err := sns.NewFromConfig(cfg).Publish(ctx, &sns.PublishInput{
				TopicArn: aws.String("arn:aws:sns:eu-west-1:123456789012:order-events"), Message: aws.String(messageSecret),
			})
			return err
		}, map[string]any{
			"name": "SNS", "aws.operation": "Publish", "aws.topic_arn": "arn:aws:sns:eu-west-1:123456789012:order-events",
			"aws.message_id": "sns-msg-1", "aws.request_id": "req-0", "http.response.status": 200,
		}},
		{"S3 PutObject", func(ctx context.Context, cfg aws.Config) error {
			_, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).PutObject(ctx, &s3.PutObjectInput{
				Bucket: aws.String("invoices"), Key: aws.String("2026/11/inv-42.pdf"), Body: strings.NewReader(objectSecret),
			})
			return err
		}, map[string]any{
			"name": "S3", "aws.operation": "PutObject", "aws.bucket_name": "invoices", "aws.key_name": "2026/11/inv-42.pdf",
			"aws.request_id": "req-0", "http.response.status": 200,
		}},
		{"S3 GetObject", func(ctx context.Context, cfg aws.Config) error {
			out, err := s3.NewFromConfig(cfg, func(o *s3.Options) { o.UsePathStyle = true }).GetObject(ctx, &s3.GetObjectInput{
				Bucket: aws.String("invoices"), Key: aws.String("2026/11/inv-42.pdf"),
			})
			if err == nil {
				_, err = io.Copy(io.Discard, out.Body)
				out.Body.Close()
			}
			return err
		}, map[string]any{
			"name": "S3", "aws.operation": "GetObject", "aws.bucket_name": "invoices", "aws.key_name": "2026/11/inv-42.pdf",
			"http.response.content_length": len(objectSecret),
		}},
		{"Lambda Invoke", func(ctx context.Context, cfg aws.Config) error {
			_, err := lambda.NewFromConfig(cfg).Invoke(ctx, &lambda.InvokeInput{
				FunctionName: aws.String("resize"), Qualifier: aws.String("live"),
				InvocationType: lambdatypes.InvocationTypeRequestResponse, Payload: []byte(`{"card":"` + payloadSecret + `"}`),
			})
			return err
		}, map[string]any{
			"name": "Lambda", "aws.operation": "Invoke", "aws.function_name": "resize", "aws.qualifier": "live",
			"aws.invocation_type": "RequestResponse", "aws.status_code": 200, "aws.function_error": "Unhandled",
			"aws.payload": absent{}, "error": absent{}, "fault": absent{},
		}},
		{"STS GetCallerIdentity", func(ctx context.Context, cfg aws.Config) error {
			_, err := sts.NewFromConfig(cfg).GetCallerIdentity(ctx, &sts.GetCallerIdentityInput{})
			return err
		}, map[string]any{
			"name": "STS", "namespace": "aws", "aws.operation": "GetCallerIdentity", "aws.request_id": "req-0",
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOptions{})
			o := h.run(1, func(ctx context.Context) error { return tt.call(ctx, h.cfg) })
			if o.err != nil {
				t.Fatalf("call failed: %v", o.err)
			}
			doc := o.call(t)
			want := map[string]any{
				"type": "subsegment", "trace_id": o.root["trace_id"], "parent_id": o.root["id"],
				"start_time": present{}, "end_time": present{},
			}
			for k, v := range tt.want {
				want[k] = v
			}
			checkDoc(t, doc, want)
			if testing.Verbose() {
				t.Logf("%s", o.all[0].Raw)
			}
		})
	}
}
