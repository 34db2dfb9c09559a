package awssdk

import (
	"maps"
	"slices"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// awsTraceHeader is the SQS message system attribute that carries the
// producer's trace header to consumers.
const awsTraceHeader = string(sqstypes.MessageSystemAttributeNameForSendsAWSTraceHeader)

// isSQSSend reports whether in is the input of SQS SendMessage or
// SendMessageBatch.
func isSQSSend(in any) bool {
	switch in.(type) {
	case *sqs.SendMessageInput, *sqs.SendMessageBatchInput:
		return true
	}
	return false
}

// withSQSTraceHeader returns the input of an SQS SendMessage or
// SendMessageBatch call with the AWSTraceHeader system attribute set to
// header on every message that has none. The caller's input is not
// modified: what changes is copied. Other inputs are returned as they are.
func withSQSTraceHeader(in any, header string) any {
	switch in := in.(type) {
	case *sqs.SendMessageInput:
		if in == nil || hasTraceHeader(in.MessageSystemAttributes) {
			return in
		}
		cp := *in
		cp.MessageSystemAttributes = withTraceHeader(in.MessageSystemAttributes, header)
		return &cp
	case *sqs.SendMessageBatchInput:
		if in == nil || !slices.ContainsFunc(in.Entries, func(e sqstypes.SendMessageBatchRequestEntry) bool {
			return !hasTraceHeader(e.MessageSystemAttributes)
		}) {
			return in
		}
		cp := *in
		cp.Entries = slices.Clone(in.Entries)
		for i := range cp.Entries {
			if e := &cp.Entries[i]; !hasTraceHeader(e.MessageSystemAttributes) {
				e.MessageSystemAttributes = withTraceHeader(e.MessageSystemAttributes, header)
			}
		}
		return &cp
	}
	return in
}

func hasTraceHeader(attrs map[string]sqstypes.MessageSystemAttributeValue) bool {
	_, ok := attrs[awsTraceHeader]
	return ok
}

func withTraceHeader(attrs map[string]sqstypes.MessageSystemAttributeValue, header string) map[string]sqstypes.MessageSystemAttributeValue {
	out := make(map[string]sqstypes.MessageSystemAttributeValue, len(attrs)+1)
	maps.Copy(out, attrs)
	dataType, value := "String", header
	out[awsTraceHeader] = sqstypes.MessageSystemAttributeValue{DataType: &dataType, StringValue: &value}
	return out
}
