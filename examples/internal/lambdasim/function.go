package lambdasim

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// Process is how to start a function's process: a program that calls
// lambda.Start.
type Process struct {
	Path string
	Args []string
	// Env is added to an environment with no AWS_, _X_AMZN or OTEL_
	// variables of this process, before the variables Lambda sets.
	Env []string
}

// Function is a function running as a local process. Invoke it with
// Invoke.
type Function struct {
	Name, ARN string
	svc       *Service
	rt        *fakeruntime.Runtime
	cmd       *exec.Cmd
	exited    chan struct{}
}

// Start starts the function name as the process p, with its own Runtime
// API, and the environment Lambda gives a function.
func (s *Service) Start(name string, p Process) (*Function, error) {
	f := &Function{Name: name, ARN: s.ARN(name), svc: s, exited: make(chan struct{})}
	rt, err := fakeruntime.New(fakeruntime.Options{ARN: f.ARN, Timeout: s.cfg.Timeout,
		InitErrors: s.out.lines("[" + name + " runtime API] "), RequestID: requestID})
	if err != nil {
		return nil, fmt.Errorf("lambdasim: %s: Runtime API: %w", name, err)
	}
	f.rt = rt
	f.cmd = exec.Command(p.Path, p.Args...)
	f.cmd.Env = append(append(cleanEnv(os.Environ()), p.Env...), s.lambdaEnv(name, rt.Addr())...)
	out := s.out.lines("[" + name + "] ")
	f.cmd.Stdout, f.cmd.Stderr = out, out
	if err := f.cmd.Start(); err != nil {
		rt.Close()
		return nil, fmt.Errorf("lambdasim: %s: %w", name, err)
	}
	go func() {
		_ = f.cmd.Wait()
		close(f.exited)
	}()
	s.mu.Lock()
	s.fns = append(s.fns, f)
	s.mu.Unlock()
	return f, nil
}

// lambdaEnv is what Lambda sets in a function's environment.
func (s *Service) lambdaEnv(name, runtimeAPI string) []string {
	return []string{
		"AWS_LAMBDA_RUNTIME_API=" + runtimeAPI,
		"AWS_LAMBDA_FUNCTION_NAME=" + name,
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
		"AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/" + name,
		"AWS_LAMBDA_LOG_STREAM_NAME=" + time.Now().UTC().Format("2006/01/02") + "/[$LATEST]" + strings.ReplaceAll(requestID(), "-", ""),
		"AWS_REGION=" + s.cfg.Region,
		"AWS_DEFAULT_REGION=" + s.cfg.Region,
		"AWS_XRAY_DAEMON_ADDRESS=" + s.cfg.DaemonAddr,
		"AWS_XRAY_CONTEXT_MISSING=LOG_ERROR",
		"_HANDLER=bootstrap",
	}
}

// cleanEnv drops the variables that would make a function talk to AWS or
// pick up another trace or OpenTelemetry setup.
func cleanEnv(env []string) []string {
	var out []string
	for _, kv := range env {
		if strings.HasPrefix(kv, "AWS_") || strings.HasPrefix(kv, "_X_AMZN") || strings.HasPrefix(kv, "OTEL_") ||
			strings.HasPrefix(kv, "_LAMBDA_") {
			continue
		}
		out = append(out, kv)
	}
	return out
}

// Result is how an invocation ended.
type Result struct {
	// Payload is the function's response, or its error payload when Failed.
	Payload []byte
	Failed  bool
	// Root is the trace the invocation ran in, and Header the trace header
	// the function was handed.
	Root, Header string
}

// Invoke invokes f with event as Lambda does. It continues caller's trace
// (or starts one when caller.Root is empty) with a new id for the function
// segment, hands the function Root, Parent (that id) and Sampled in its
// trace header, waits for the result, and then, when sampled, sends the
// function segment: named after the function, with that id, the caller's
// Parent as parent_id, the invocation's start and end, and fault set when
// the function failed.
func (f *Function) Invoke(ctx context.Context, caller Caller, event []byte) (Result, error) {
	if f.svc.cfg.TracingOff && caller.Parent == "" {
		caller.Unsampled = true
	}
	root := caller.Root
	if root == "" {
		root = NewRoot()
	}
	id := newID()
	h := traceHeader(root, id, !caller.Unsampled)
	start := time.Now()
	res, err := f.rt.InvokeUntil(ctx, event, h, f.exited)
	if err != nil {
		return Result{}, fmt.Errorf("lambdasim: %s: %w", f.Name, err)
	}
	if !caller.Unsampled {
		err = f.svc.sendSegment(functionSegment{
			Name: f.Name, ID: id, TraceID: root, ParentID: caller.Parent,
			Start: start, End: time.Now(), ARN: f.ARN, Account: f.svc.cfg.Account, Fault: res.Failed,
		})
	}
	return Result{Payload: res.Body, Failed: res.Failed, Root: root, Header: h}, err
}

// stop ends the process, then the Runtime API.
func (f *Function) stop() error {
	var err error
	if f.cmd.Process != nil {
		select {
		case <-f.exited:
		default:
			if err = f.cmd.Process.Kill(); errors.Is(err, os.ErrProcessDone) {
				err = nil
			}
		}
		<-f.exited
	}
	f.rt.Close()
	if err != nil {
		return fmt.Errorf("lambdasim: stopping %s: %w", f.Name, err)
	}
	return nil
}

// Async returns f as an asynchronous invoker (awslocal.Invoker): each call
// invokes f with event, continuing traceHeader (an X-Amzn-Trace-Id; empty:
// a new trace), and fails when the invocation does.
func (f *Function) Async() func(ctx context.Context, traceHeader string, event []byte) error {
	return func(ctx context.Context, traceHeader string, event []byte) error {
		res, err := f.Invoke(ctx, CallerFromHeader(traceHeader), event)
		if err == nil && res.Failed {
			err = fmt.Errorf("lambdasim: %s failed: %s", f.Name, res.Payload)
		}
		return err
	}
}
