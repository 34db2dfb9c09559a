package main

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/examples/catalog/internal/catalog"
	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/examples/internal/lambdasim"
	"github.com/otelxray/otelxray/examples/internal/loadgen"
	"github.com/otelxray/otelxray/xraylocal"
)

// The demo's resources, named as in template.yaml.
const (
	productTable   = "products"
	stockTable     = "stock"
	topicName      = "product-changes"
	queueName      = "inventory-updates"
	stateMachine   = "restock"
	stageName      = "Prod"
	pricingRule    = "prices-to-inventory"
	analyticsRule  = "events-to-analytics"
	maxLocalTraces = 100000
)

// stack is everything the demo runs.
type stack struct {
	xray   *xraylocal.Server
	relay  *loadgen.Relay
	aws    *awslocal.Server
	lambda *lambdasim.Service
	api    *lambdasim.API
	source *lambdasim.SQSSource
	dd     *ddlocal.Server // the Datadog agent stand-in
	// statsDir holds the functions' span counts.
	statsDir string
}

// stackConfig says how to start the stack.
type stackConfig struct {
	httpAddr string
	process  func(name string) (lambdasim.Process, error)
	output   io.Writer
	// untraced sets OTEL_SDK_DISABLED=true in the functions (the load
	// test's baseline).
	untraced bool
	// tracingOff plays functions whose Lambda active tracing is off: every
	// invocation gets Sampled=0 and Lambda sends no segment.
	tracingOff bool
	// deliveryErrors, if set, is told of failed asynchronous invocations.
	deliveryErrors io.Writer
}

// startStack starts the stack; on error, what was started is stopped.
func startStack(cfg stackConfig) (_ *stack, err error) {
	s := &stack{}
	defer func() {
		if err != nil {
			s.close()
		}
	}()
	opts := []xraylocal.Option{xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithMaxTraces(maxLocalTraces), xraylocal.WithReadBuffer(8 << 20)}
	if cfg.httpAddr != "" {
		opts = append(opts, xraylocal.WithHTTPAddr(cfg.httpAddr))
	}
	if s.xray, err = xraylocal.Start(opts...); err != nil {
		return nil, fmt.Errorf("starting xraylocal: %w", err)
	}
	if s.relay, err = loadgen.StartRelay(s.xray.UDPAddr()); err != nil {
		return nil, err
	}
	if s.dd, err = ddlocal.Start(); err != nil {
		return nil, err
	}
	if s.statsDir, err = os.MkdirTemp("", "catalog-local-"); err != nil {
		return nil, err
	}
	if s.aws, err = awslocal.Start(awslocal.WithTable(productTable, "id"), awslocal.WithTable(stockTable, "id"),
		awslocal.WithTopic(topicName), awslocal.WithQueue(queueName)); err != nil {
		return nil, err
	}
	if cfg.deliveryErrors != nil {
		s.aws.OnDeliveryError(func(err error) { fmt.Fprintf(cfg.deliveryErrors, "[awslocal] asynchronous invocation: %v\n", err) })
	}
	s.lambda, err = lambdasim.New(lambdasim.Config{DaemonAddr: s.relay.Addr(), Region: awslocal.Region,
		Account: awslocal.Account, Output: cfg.output, TracingOff: cfg.tracingOff})
	if err != nil {
		return nil, err
	}
	fns := map[string]*lambdasim.Function{}
	for _, name := range functionNames {
		p, err := cfg.process(name)
		if err != nil {
			return nil, err
		}
		p.Env = append(p.Env, s.aws.Env()...)
		p.Env = append(p.Env, s.dd.Env()...)
		p.Env = append(p.Env, "PRODUCT_TABLE="+productTable, "STOCK_TABLE="+stockTable,
			"TOPIC_ARN="+s.aws.TopicARN(topicName), "STATE_MACHINE_ARN="+s.aws.StateMachineARN(stateMachine),
			statsEnv+"="+filepath.Join(s.statsDir, name))
		if cfg.untraced {
			p.Env = append(p.Env, "OTEL_SDK_DISABLED=true")
		}
		if fns[name], err = s.lambda.Start(name, p); err != nil {
			return nil, err
		}
	}
	s.api, err = s.lambda.NewAPI(stageName,
		lambdasim.Route{Method: "POST", Resource: "/products", Function: fns[fnProduct]},
		lambdasim.Route{Method: "PUT", Resource: "/products/{id}", Function: fns[fnProduct]},
		lambdasim.Route{Method: "GET", Resource: "/products/{id}", Function: fns[fnProduct]})
	if err != nil {
		return nil, err
	}
	if err = s.aws.SubscribeLambda(topicName, fns[fnPricing].ARN, fns[fnPricing].Async()); err != nil {
		return nil, err
	}
	s.aws.StateMachine(stateMachine, fns[fnStock].Async())
	rules := []awslocal.Rule{
		{Name: pricingRule, Sources: []string{catalog.SourcePricing}, DetailTypes: []string{catalog.PriceCalculated},
			Targets: []awslocal.Target{{Queue: queueName}}},
		{Name: analyticsRule, Sources: []string{catalog.SourceAnalytics}, Targets: []awslocal.Target{{Lambda: fns[fnAnalytics].Async()}}},
	}
	for _, r := range rules {
		if err = s.aws.PutRule(r); err != nil {
			return nil, err
		}
	}
	// The poller is Lambda's, not the functions': its client is not traced.
	s.source = s.lambda.NewSQSSource(sqs.NewFromConfig(s.aws.Config()), s.aws.QueueURL(queueName), fns[fnInventory], 10)
	return s, nil
}

// functionSpans sums the functions' span counts (loadgen.Counts) and what
// the Datadog agent stand-in received into m.
func (s *stack) functionSpans(m *loadgen.Measure) {
	loadgen.SumCounts(s.statsDir, functionNames, s.dd.Stats(), m)
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
	if s.dd != nil {
		errs = append(errs, s.dd.Close())
	}
	if s.relay != nil {
		errs = append(errs, s.relay.Close())
	}
	if s.xray != nil {
		errs = append(errs, s.xray.Close())
	}
	if s.statsDir != "" {
		errs = append(errs, os.RemoveAll(s.statsDir))
	}
	return errors.Join(errs...)
}

// selfProcess starts this executable again as the function name.
func selfProcess(name string) (lambdasim.Process, error) {
	exe, err := os.Executable()
	if err != nil {
		return lambdasim.Process{}, fmt.Errorf("finding this program to run %s: %w", name, err)
	}
	return lambdasim.Process{Path: exe, Env: []string{functionEnv + "=" + name}}, nil
}
