package awslocal_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sfn"
	sfntypes "github.com/aws/aws-sdk-go-v2/service/sfn/types"
)

// TestStepFunctions: StartExecution runs the one Task state: the function
// gets the input, continuing the call's trace (traceHeader).
func TestStepFunctions(t *testing.T) {
	s := start(t)
	invoke, got := recorder()
	arn := s.StateMachine("restock", invoke)
	cfg, ctx, rec := traced(t, s, false)
	client := sfn.NewFromConfig(cfg)
	out, err := client.StartExecution(ctx, &sfn.StartExecutionInput{StateMachineArn: &arn, Input: aws.String(`{"id":"p-1"}`)})
	if err != nil || !strings.HasPrefix(aws.ToString(out.ExecutionArn), "arn:aws:states:eu-west-1:123456789012:execution:restock:") || out.StartDate == nil {
		t.Fatalf("StartExecution = %+v, %v", out, err)
	}
	inv := next(t, got)
	wantParent(t, "task", inv.header, callSpan(t, rec, "SFN.StartExecution"))
	if string(inv.event) != `{"id":"p-1"}` {
		t.Errorf("task payload %s", inv.event)
	}

	_, err = client.StartExecution(context.Background(), &sfn.StartExecutionInput{StateMachineArn: aws.String(s.StateMachineARN("nope"))})
	var dne *sfntypes.StateMachineDoesNotExist
	if !errors.As(err, &dne) {
		t.Errorf("StartExecution(unknown) error = %v, want StateMachineDoesNotExist", err)
	}
	if d := s.Deliveries(); d.Queued != 1 || d.Pending() > 1 {
		t.Errorf("Deliveries = %+v", d)
	}
}
