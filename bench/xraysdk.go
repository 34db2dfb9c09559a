package bench

import (
	"context"
	"fmt"

	"github.com/aws/aws-xray-sdk-go/xray"
)

// XRaySDKInvocation is the same invocation with the X-Ray SDK for Go in
// Lambda mode (LAMBDA_TASK_ROOT set): a handler subsegment under Lambda's
// facade segment, and n DynamoDB-like subsegments with 4 metadata entries
// and 1 annotation each.
func XRaySDKInvocation(ctx context.Context, n int) error {
	ctx, handler := xray.BeginSubsegment(ctx, "orders")
	if handler == nil {
		return fmt.Errorf("the X-Ray SDK made no subsegment: is LAMBDA_TASK_ROOT set?")
	}
	for i := range n {
		_, s := xray.BeginSubsegment(ctx, "DynamoDB")
		s.Namespace = "aws"
		aws := s.GetAWS()
		aws["operation"] = "GetItem"
		aws["table_name"] = "orders"
		aws["region"] = "eu-west-1"
		aws["request_id"] = RequestID
		_ = s.AddMetadata("meta.customer", "c-42")
		_ = s.AddMetadata("meta.index", i)
		_ = s.AddMetadata("meta.cached", false)
		_ = s.AddMetadata("meta.note", fmt.Sprint("item ", i))
		_ = s.AddAnnotation("order_id", "42")
		s.Close(nil)
	}
	handler.Close(nil)
	return nil
}
