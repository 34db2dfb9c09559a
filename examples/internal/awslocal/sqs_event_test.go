package awslocal_test

import (
	"encoding/json"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

type sqstypesName = sqstypes.MessageSystemAttributeName

// sqsEvent is a received message as Lambda's poller hands it to a function.
func sqsEvent(m sqstypes.Message) []byte {
	attrs := map[string]events.SQSMessageAttribute{}
	for k, v := range m.MessageAttributes {
		attrs[k] = events.SQSMessageAttribute{DataType: aws.ToString(v.DataType), StringValue: v.StringValue, BinaryValue: v.BinaryValue}
	}
	b, _ := json.Marshal(events.SQSEvent{Records: []events.SQSMessage{{MessageId: aws.ToString(m.MessageId), Body: aws.ToString(m.Body),
		Attributes: m.Attributes, MessageAttributes: attrs, EventSource: "aws:sqs"}}})
	return b
}
