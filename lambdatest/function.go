package lambdatest

import (
	"context"
	"fmt"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// Function is a handler the harness invokes, in-process ([Harness.Direct])
// or through aws-lambda-go's own loop ([Harness.Start]).
type Function struct {
	h       *Harness
	direct  lambda.Handler       // Direct
	runtime *fakeruntime.Runtime // Start
	reqID   func() string        // Direct's request IDs
	seq     int
}

// Start runs handler (any handler lambda.Start takes, typically
// lambdatrace.Wrap(yourHandler)) in aws-lambda-go's real invoke loop,
// lambda.StartWithOptions, in a goroutine, against a fake Lambda Runtime
// API that hands each invocation its trace header, request ID, deadline
// and function ARN as Lambda does. It sets AWS_LAMBDA_RUNTIME_API with
// t.Setenv for the loop to read.
//
// lambda.Start never returns, and exits the process when its Runtime API
// goes away; so the fake Runtime API stays open, idle, until the test
// binary exits (one goroutine and one socket per Start). A handler that
// panics fails its invocation (Invocation.Err) instead of ending the test
// binary, as it would end the function's process in Lambda.
func (h *Harness) Start(handler any) *Function {
	h.t.Helper()
	rt, err := fakeruntime.New(fakeruntime.Options{ARN: h.FunctionARN(), Timeout: h.cfg.timeout, NoExtensions: true})
	if err != nil {
		h.t.Fatalf("lambdatest: %v", err)
	}
	h.t.Setenv("AWS_LAMBDA_RUNTIME_API", rt.Addr())
	go lambda.StartWithOptions(recovering{lambda.NewHandler(handler)})
	// The loop reads the variable when it starts: wait for it, so that a
	// later Start (or the end of the test) cannot change it first.
	select {
	case <-rt.Polled():
	case <-time.After(syncTimeout):
		h.t.Fatalf("lambdatest: aws-lambda-go's loop did not ask the Runtime API for an event within %v", syncTimeout)
	}
	return &Function{h: h, runtime: rt}
}

// Direct calls handler in-process, through lambda.NewHandler (the JSON
// decoding and encoding of aws-lambda-go, without its loop), with the
// context aws-lambda-go would give it: the deadline, lambdacontext (request
// ID, function ARN) and the trace header under "x-amzn-trace-id". It is
// the quicker of the two, and tests may call it where the loop cannot run.
func (h *Harness) Direct(handler any) *Function {
	f := &Function{h: h, direct: recovering{lambda.NewHandler(handler)}}
	f.reqID = func() string { f.seq++; return fmt.Sprintf("8f5a4c1e-0000-4000-8000-%012d", f.seq) }
	return f
}

// recovering turns a panic of the handler into an error, so that the loop
// reports the invocation as failed and goes on.
type recovering struct{ h lambda.Handler }

func (r recovering) Invoke(ctx context.Context, payload []byte) (out []byte, err error) {
	defer func() {
		if v := recover(); v != nil {
			err = fmt.Errorf("lambdatest: the handler panicked: %v", v)
		}
	}()
	return r.h.Invoke(ctx, payload)
}

// call runs one invocation and returns the response, or the error payload.
func (f *Function) call(ctx context.Context, payload []byte, header string) (resp []byte, reqID string, failed bool, err error) {
	if f.runtime != nil {
		var id string
		res, err := f.runtime.Invoke(ctx, payload, header)
		if err != nil {
			return nil, "", false, err
		}
		// The request ID of the invocation just answered is the newest
		// one the runtime logged.
		for _, e := range f.runtime.Events() {
			if e.Kind == fakeruntime.EventInvoke {
				id = e.RequestID
			}
		}
		return res.Body, id, res.Failed, nil
	}
	id := f.reqID()
	dctx, cancel := context.WithDeadline(ctx, time.Now().Add(f.h.cfg.timeout))
	defer cancel()
	dctx = lambdacontext.NewContext(dctx, &lambdacontext.LambdaContext{AwsRequestID: id, InvokedFunctionArn: f.h.FunctionARN()})
	//lint:ignore SA1029 aws-lambda-go puts the trace header under this string key, and lambdatrace reads it there
	dctx = context.WithValue(dctx, "x-amzn-trace-id", header)
	out, herr := f.direct.Invoke(dctx, payload)
	if herr != nil {
		return []byte(fmt.Sprintf(`{"errorMessage":%q}`, herr.Error())), id, true, nil
	}
	return out, id, false, nil
}
