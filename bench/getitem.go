package bench

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"strconv"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-xray-sdk-go/xray"
	"github.com/aws/smithy-go/middleware"
)

// getItemBody is DynamoDB's answer to the benchmark's GetItem.
const getItemBody = `{"Item":{"id":{"S":"42"},"status":{"S":"shipped"},"total":{"N":"19.90"}}}`

// CannedDynamoDB is an in-memory aws.HTTPClient that answers every request
// the way DynamoDB answers a GetItem, without a socket.
type CannedDynamoDB struct{}

// Do drains the request and returns the canned response.
func (CannedDynamoDB) Do(req *http.Request) (*http.Response, error) {
	if req.Body != nil {
		_, _ = io.Copy(io.Discard, req.Body)
		_ = req.Body.Close()
	}
	h := http.Header{}
	h.Set("Content-Type", "application/x-amz-json-1.0")
	h.Set("X-Amzn-Requestid", RequestID)
	h.Set("Content-Length", strconv.Itoa(len(getItemBody)))
	return &http.Response{
		StatusCode: http.StatusOK, Status: "200 OK", Proto: "HTTP/1.1", ProtoMajor: 1, ProtoMinor: 1,
		Header: h, ContentLength: int64(len(getItemBody)), Request: req,
		Body: io.NopCloser(bytes.NewReader([]byte(getItemBody))),
	}, nil
}

// DynamoDBConfig is an aws.Config for eu-west-1 with static credentials
// and the in-memory transport; instrument adds a tracer's middlewares to
// its APIOptions.
func DynamoDBConfig(instrument func(*[]func(*middleware.Stack) error)) aws.Config {
	cfg := aws.Config{
		Region: "eu-west-1",
		Credentials: aws.CredentialsProviderFunc(func(context.Context) (aws.Credentials, error) {
			return aws.Credentials{AccessKeyID: "AKIDEXAMPLE", SecretAccessKey: "secret", Source: "bench"}, nil
		}),
		HTTPClient: CannedDynamoDB{},
	}
	if instrument != nil {
		instrument(&cfg.APIOptions)
	}
	return cfg
}

// getItemInput is the benchmark's call: one order by its key.
func getItemInput() *dynamodb.GetItemInput {
	return &dynamodb.GetItemInput{
		TableName: aws.String("orders"),
		Key:       map[string]types.AttributeValue{"id": &types.AttributeValueMemberS{Value: "42"}},
	}
}

// GetItems makes n GetItem calls with client, as a handler would.
func GetItems(ctx context.Context, client *dynamodb.Client, n int) error {
	for range n {
		out, err := client.GetItem(ctx, getItemInput())
		if err != nil {
			return err
		}
		if len(out.Item) != 3 {
			return fmt.Errorf("GetItem decoded %d attributes, want 3", len(out.Item))
		}
	}
	return nil
}

// XRaySDKGetItems is GetItems under the X-Ray SDK in Lambda mode: a handler
// subsegment under Lambda's facade segment, as XRaySDKInvocation makes.
func XRaySDKGetItems(ctx context.Context, client *dynamodb.Client, n int) error {
	ctx, handler := xray.BeginSubsegment(ctx, "orders")
	if handler == nil {
		return fmt.Errorf("the X-Ray SDK made no subsegment: is LAMBDA_TASK_ROOT set?")
	}
	err := GetItems(ctx, client, n)
	handler.Close(err)
	return err
}
