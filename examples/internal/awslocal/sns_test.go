package awslocal_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sns"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	"github.com/aws/smithy-go"

	"github.com/otelxray/otelxray/examples/internal/awslocal"
)

// TestSNS: a Publish through awssdk reaches a function (continuing the
// call's trace, the attributes in the record), a raw SQS subscription (the
// message as body, the attributes as message attributes) and an enveloped
// one (the notification as body); each consumer links to the Publish.
func TestSNS(t *testing.T) {
	for _, dd := range []bool{false, true} {
		s, err := awslocal.Start(awslocal.WithTopic("products"), awslocal.WithQueue("raw"), awslocal.WithQueue("enveloped"))
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _ = s.Close() })
		invoke, got := recorder()
		if err := s.SubscribeLambda("products", "arn:aws:lambda:eu-west-1:123456789012:function:pricing", invoke); err != nil {
			t.Fatal(err)
		}
		if err := s.SubscribeQueue("products", "raw", true); err != nil {
			t.Fatal(err)
		}
		if err := s.SubscribeQueue("products", "enveloped", false); err != nil {
			t.Fatal(err)
		}
		if err := s.SubscribeQueue("nope", "raw", true); err == nil {
			t.Error("subscribed to a topic that does not exist")
		}
		cfg, ctx, rec := traced(t, s, dd)
		out, err := sns.NewFromConfig(cfg).Publish(ctx, &sns.PublishInput{TopicArn: aws.String(s.TopicARN("products")), Message: aws.String(`{"id":"p-1"}`)})
		if err != nil || aws.ToString(out.MessageId) == "" {
			t.Fatalf("Publish = %v, %v", out, err)
		}
		call := callSpan(t, rec, "SNS.Publish")

		inv := next(t, got)
		wantParent(t, "lambda", inv.header, call)
		var e events.SNSEvent
		if err := json.Unmarshal(inv.event, &e); err != nil || len(e.Records) != 1 || e.Records[0].SNS.Message != `{"id":"p-1"}` {
			t.Fatalf("event %s: %v", inv.event, err)
		}
		wantLink(t, "lambda", inv.event, call)

		for _, q := range []string{"raw", "enveloped"} {
			url := s.QueueURL(q)
			m, err := sqs.NewFromConfig(s.Config()).ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url,
				MessageAttributeNames: []string{"All"}, MessageSystemAttributeNames: []sqstypesName{"All"}})
			if err != nil || len(m.Messages) != 1 {
				t.Fatalf("%s: ReceiveMessage = %v, %v", q, m, err)
			}
			msg := m.Messages[0]
			wantParent(t, q, msg.Attributes["AWSTraceHeader"], call)
			if body := aws.ToString(msg.Body); (q == "raw") != (body == `{"id":"p-1"}`) {
				t.Errorf("%s: body %s", q, body)
			}
			if (q == "raw") != (len(msg.MessageAttributes) > 0) {
				t.Errorf("%s: message attributes %v", q, msg.MessageAttributes)
			}
			wantLink(t, q, sqsEvent(msg), call)
		}
	}
}

func TestSNSUnknownTopic(t *testing.T) {
	s := start(t)
	_, err := sns.NewFromConfig(s.Config()).Publish(context.Background(), &sns.PublishInput{TopicArn: aws.String(s.TopicARN("nope")), Message: aws.String("m")})
	var ae smithy.APIError
	if !errors.As(err, &ae) || ae.ErrorCode() != "NotFound" {
		t.Errorf("Publish(unknown topic) error = %v, want NotFound", err)
	}
}
