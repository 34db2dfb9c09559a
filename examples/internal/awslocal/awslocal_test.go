package awslocal_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"

	"github.com/otelxray/otelxray/examples/internal/awslocal"
)

func start(t *testing.T) *awslocal.Server {
	t.Helper()
	s, err := awslocal.Start(awslocal.WithTable("orders", "id"), awslocal.WithQueue("changes"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	return s
}

func TestDynamoDB(t *testing.T) {
	s := start(t)
	ddb := dynamodb.NewFromConfig(s.Config())
	ctx := context.Background()
	item := map[string]ddbtypes.AttributeValue{
		"id":  &ddbtypes.AttributeValueMemberS{Value: "42"},
		"qty": &ddbtypes.AttributeValueMemberN{Value: "3"},
	}
	if _, err := ddb.PutItem(ctx, &dynamodb.PutItemInput{TableName: aws.String("orders"), Item: item}); err != nil {
		t.Fatal(err)
	}
	key := map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "42"}}
	out, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("orders"), Key: key})
	if err != nil {
		t.Fatal(err)
	}
	if n, ok := out.Item["qty"].(*ddbtypes.AttributeValueMemberN); !ok || n.Value != "3" {
		t.Errorf("GetItem = %#v, want qty 3", out.Item)
	}
	if s.Item("orders", "42") == nil {
		t.Error("Item(orders, 42) = nil")
	}

	missing := map[string]ddbtypes.AttributeValue{"id": &ddbtypes.AttributeValueMemberS{Value: "nope"}}
	if out, err := ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("orders"), Key: missing}); err != nil || out.Item != nil {
		t.Errorf("GetItem(missing) = %v, %v; want no item, no error", out.Item, err)
	}
	_, err = ddb.GetItem(ctx, &dynamodb.GetItemInput{TableName: aws.String("other"), Key: key})
	var rnf *ddbtypes.ResourceNotFoundException
	if !errors.As(err, &rnf) {
		t.Errorf("GetItem(unknown table) error = %v, want ResourceNotFoundException", err)
	}
}

func TestSQS(t *testing.T) {
	s := start(t)
	q := sqs.NewFromConfig(s.Config())
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	url := s.QueueURL("changes")

	// A long poll returns as soon as a message arrives.
	got := make(chan *sqs.ReceiveMessageOutput, 1)
	go func() {
		out, err := q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, WaitTimeSeconds: 20, MaxNumberOfMessages: 10,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAWSTraceHeader}})
		if err != nil {
			t.Error(err)
		}
		got <- out
	}()
	const header = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
	_, err := q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &url, MessageBody: aws.String(`{"order":"42"}`),
		MessageSystemAttributes: map[string]sqstypes.MessageSystemAttributeValue{
			"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String(header)}}})
	if err != nil {
		t.Fatal(err) // also fails if MD5OfMessageBody were wrong
	}
	out := <-got
	if out == nil || len(out.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %+v, want 1 message", out)
	}
	m := out.Messages[0]
	if aws.ToString(m.Body) != `{"order":"42"}` || m.Attributes["AWSTraceHeader"] != header {
		t.Errorf("message = %q with %v", aws.ToString(m.Body), m.Attributes)
	}
	if _, ok := m.Attributes["SentTimestamp"]; ok {
		t.Error("SentTimestamp returned though not asked for")
	}

	// Received messages are gone; an empty poll returns after its wait.
	out, err = q.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{QueueUrl: &url, WaitTimeSeconds: 0})
	if err != nil || len(out.Messages) != 0 {
		t.Errorf("second ReceiveMessage = %v, %v; want no message", out, err)
	}

	bad := s.QueueURL("nope")
	_, err = q.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: &bad, MessageBody: aws.String("x")})
	var qne *sqstypes.QueueDoesNotExist
	if !errors.As(err, &qne) {
		t.Errorf("SendMessage(unknown queue) error = %v, want QueueDoesNotExist", err)
	}
}

func TestUnknownOperation(t *testing.T) {
	s := start(t)
	q := sqs.NewFromConfig(s.Config())
	_, err := q.ListQueues(context.Background(), &sqs.ListQueuesInput{})
	if err == nil {
		t.Fatal("ListQueues succeeded; want an error naming what awslocal serves")
	}
}

func TestEnv(t *testing.T) {
	s := start(t)
	env := s.Env()
	if env[0] != "AWS_ENDPOINT_URL="+s.URL() {
		t.Errorf("Env()[0] = %q", env[0])
	}
}
