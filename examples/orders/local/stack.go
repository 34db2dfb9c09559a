package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/xraylocal"
)

// The demo's resources, named as in template.yaml.
const (
	tableName = "orders"
	queueName = "order-changes"
	stageName = "Prod"
)

// stack is everything the demo runs: the local X-Ray daemon and Datadog
// agent, the stand-in
// DynamoDB and SQS, and the Lambda service with the three functions, the
// API in front of post and read, and the queue's event source.
type stack struct {
	xray   *xraylocal.Server
	dd     *ddlocal.Server // the Datadog agent stand-in
	aws    *awslocal.Server
	lambda *lambdasim.Service
	api    *lambdasim.API
	source *lambdasim.SQSSource
	// relay, with stackConfig.relay, counts what the functions send.
	relay *loadgen.Relay
	// statsDir, with stackConfig.relay, holds the functions' span counts
	// (loadgen.Counts, written to statsEnv's file).
	statsDir string
}

// stackConfig says how to start the stack.
type stackConfig struct {
	// httpAddr serves xraylocal's web UI when not empty.
	httpAddr string
	// process starts a function's process: this program (or test binary)
	// again, with functionEnv naming the function.
	process func(name string) (lambdasim.Process, error)
	// output receives the functions' output.
	output io.Writer
	// format, when set, is the functions' OTEL_XRAY_UDP_FORMAT.
	format string
	// relay puts a counting relay between the functions and xraylocal
	// (the load test); untraced sets OTEL_SDK_DISABLED=true.
	relay, untraced bool
	// tracingOff runs the functions with Lambda's active tracing off.
	tracingOff bool
}

// startStack starts the stack; on error, what was started is stopped.
func startStack(cfg stackConfig) (_ *stack, err error) {
	s := &stack{}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	opts := []xraylocal.Option{xraylocal.WithUDPAddr("127.0.0.1:0")}
	if cfg.httpAddr != "" {
		opts = append(opts, xraylocal.WithHTTPAddr(cfg.httpAddr))
	}
	if s.xray, err = xraylocal.Start(opts...); err != nil {
		return nil, fmt.Errorf("starting xraylocal: %w", err)
	}
	if s.dd, err = ddlocal.Start(); err != nil {
		return nil, fmt.Errorf("starting the Datadog agent stand-in: %w", err)
	}
	if s.aws, err = awslocal.Start(awslocal.WithTable(tableName, "id"), awslocal.WithQueue(queueName)); err != nil {
		return nil, err
	}
	daemon := s.xray.UDPAddr()
	if cfg.relay {
		if s.relay, err = loadgen.StartRelay(daemon); err != nil {
			return nil, err
		}
		daemon = s.relay.Addr()
		if s.statsDir, err = os.MkdirTemp("", "orders-local-"); err != nil {
			return nil, err
		}
	}
	s.lambda, err = lambdasim.New(lambdasim.Config{DaemonAddr: daemon, Region: awslocal.Region,
		Account: awslocal.Account, Output: cfg.output, TracingOff: cfg.tracingOff})
	if err != nil {
		return nil, err
	}
	fns := map[string]*lambdasim.Function{}
	for _, name := range []string{fnPost, fnRead, fnChange} {
		p, err := cfg.process(name)
		if err != nil {
			return nil, err
		}
		p.Env = append(p.Env, s.aws.Env()...)
		p.Env = append(p.Env, s.dd.Env()...)
		p.Env = append(p.Env, "TABLE_NAME="+tableName, "QUEUE_URL="+s.aws.QueueURL(queueName))
		if s.statsDir != "" {
			p.Env = append(p.Env, statsEnv+"="+filepath.Join(s.statsDir, name))
		}
		if cfg.untraced {
			p.Env = append(p.Env, "OTEL_SDK_DISABLED=true")
		}
		if cfg.format != "" {
			p.Env = append(p.Env, xrayudp.EnvFormat+"="+cfg.format)
		}
		if fns[name], err = s.lambda.Start(name, p); err != nil {
			return nil, err
		}
	}
	s.api, err = s.lambda.NewAPI(stageName,
		lambdasim.Route{Method: "POST", Resource: "/orders", Function: fns[fnPost]},
		lambdasim.Route{Method: "GET", Resource: "/orders/{id}", Function: fns[fnRead]},
		lambdasim.Route{Method: "GET", Resource: "/context", Function: fns[fnRead]})
	if err != nil {
		return nil, err
	}
	// The poller is Lambda's, not the functions': its client is not traced.
	poller := sqs.NewFromConfig(s.aws.Config())
	s.source = s.lambda.NewSQSSource(poller, s.aws.QueueURL(queueName), fns[fnChange], 10)
	return s, nil
}

// close stops everything, the Lambda service first.
func (s *stack) close() error {
	var errs []error
	if s.lambda != nil {
		errs = append(errs, s.lambda.Close())
	}
	if s.aws != nil {
		errs = append(errs, s.aws.Close())
	}
	if s.relay != nil {
		errs = append(errs, s.relay.Close())
	}
	if s.xray != nil {
		errs = append(errs, s.xray.Close())
	}
	if s.dd != nil {
		errs = append(errs, s.dd.Close())
	}
	if s.statsDir != "" {
		errs = append(errs, os.RemoveAll(s.statsDir))
	}
	return errors.Join(errs...)
}

// functionSpans sums the functions' span counts (loadgen.Counts) and what
// the Datadog agent stand-in received into m.
func (s *stack) functionSpans(m *loadgen.Measure) {
	loadgen.SumCounts(s.statsDir, []string{fnPost, fnRead, fnChange}, s.dd.Stats(), m)
}

// selfProcess starts this executable again as the function name.
func selfProcess(name string) (lambdasim.Process, error) {
	exe, err := os.Executable()
	if err != nil {
		return lambdasim.Process{}, fmt.Errorf("finding this program to run %s: %w", name, err)
	}
	return lambdasim.Process{Path: exe, Env: []string{functionEnv + "=" + name}}, nil
}
