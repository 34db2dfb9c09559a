package awslocal

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// stateMachines are the Step Functions state machines by name: each is one
// Task state that invokes a Lambda function with the execution's input.
type stateMachines struct {
	mu     sync.Mutex
	byName map[string]Invoker
}

func newStateMachines() *stateMachines { return &stateMachines{byName: map[string]Invoker{}} }

// StateMachine defines the state machine name, of one Task state
// (arn:aws:states:::lambda:invoke, its payload the execution's input) that
// task invokes, and returns its ARN. Each StartExecution runs it
// asynchronously; the invocation continues the execution's traceHeader,
// else the StartExecution request's X-Amzn-Trace-Id, as Step Functions with
// tracing on passes the trace to the Lambda functions it invokes.
func (s *Server) StateMachine(name string, task Invoker) string {
	s.machines.mu.Lock()
	defer s.machines.mu.Unlock()
	s.machines.byName[name] = task
	return s.StateMachineARN(name)
}

// StateMachineARN returns the ARN of the state machine name.
func (s *Server) StateMachineARN(name string) string {
	return "arn:aws:states:" + Region + ":" + Account + ":stateMachine:" + name
}

// startExecution serves Step Functions StartExecution.
func (s *Server) startExecution(ctx context.Context, body []byte, requestHeader string) (any, error) {
	var in struct {
		StateMachineArn string  `json:"stateMachineArn"`
		Name            string  `json:"name"`
		Input           *string `json:"input"`
		TraceHeader     *string `json:"traceHeader"`
	}
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	name := in.StateMachineArn[strings.LastIndex(in.StateMachineArn, ":")+1:]
	s.machines.mu.Lock()
	task := s.machines.byName[name]
	s.machines.mu.Unlock()
	if task == nil || in.StateMachineArn != s.StateMachineARN(name) {
		return nil, &apiError{status: http.StatusBadRequest, code: "StateMachineDoesNotExist", msg: "State Machine Does Not Exist: '" + in.StateMachineArn + "'"}
	}
	input := "{}"
	if in.Input != nil {
		input = *in.Input
	}
	if !json.Valid([]byte(input)) {
		return nil, &apiError{status: http.StatusBadRequest, code: "InvalidExecutionInput", msg: "Invalid State Machine Execution Input: not JSON"}
	}
	header := requestHeader
	if in.TraceHeader != nil {
		header = *in.TraceHeader
	}
	if !validTraceHeader(header) {
		header = ""
	}
	execName := in.Name
	if execName == "" {
		execName = requestID()
	}
	if !s.async.enqueue(ctx, task, header, []byte(input)) {
		return nil, &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailable", msg: "awslocal is closing"}
	}
	return struct {
		ExecutionArn string  `json:"executionArn"`
		StartDate    float64 `json:"startDate"`
	}{fmt.Sprintf("arn:aws:states:%s:%s:execution:%s:%s", Region, Account, name, execName), float64(time.Now().UnixMilli()) / 1e3}, nil
}
