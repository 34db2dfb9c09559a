package ddlambda_test

import (
	"context"
	"fmt"
	"net"
	"strings"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"

	"github.com/otelxray/otelxray/ddlambda"
	"github.com/otelxray/otelxray/lambdatrace"
)

// Metrics sent with every invocation: the handler's, and the enhanced
// aws.lambda.enhanced.* ones, over DogStatsD (DD_DOGSTATSD_URL, or
// 127.0.0.1:8125 where the Datadog extension listens).
func ExampleMetrics() {
	h := lambdatrace.Wrap(func(ctx context.Context, e events.SQSEvent) (events.SQSEventResponse, error) {
		ddlambda.Count(ctx, "orders.received", float64(len(e.Records)), "queue:orders")
		return events.SQSEventResponse{}, nil
	}, ddlambda.Metrics())
	_ = lambda.Start
	_ = h // lambda.Start(h)
}

// Metrics to an agent elsewhere, with a tag on every metric.
func ExampleMetrics_options() {
	opt := ddlambda.Metrics(
		ddlambda.WithDogStatsDAddress("udp://10.0.0.5:8125"),
		ddlambda.WithMetricTags("team:payments"),
		ddlambda.WithMetricsExtensionPath("/opt/extensions/datadog-agent"))
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) { return "ok", nil }, opt)
	_ = h // lambda.Start(h)
}

// One invocation's datagram, as a local DogStatsD receives it. (Outside
// Lambda, as here, there is no aws.lambda.enhanced.invocations.)
func ExampleDistribution() {
	statsd, _ := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	defer statsd.Close()
	h := lambdatrace.Wrap(func(ctx context.Context, amount float64) (string, error) {
		ddlambda.Distribution(ctx, "orders.amount", amount, "currency:eur")
		return "ok", nil
	}, ddlambda.Metrics(ddlambda.WithDogStatsDAddress(statsd.LocalAddr().String()),
		ddlambda.WithMetricsExtensionPath("/nonexistent")))
	_, _ = h(context.Background(), 12.5) // lambda.Start(h) in a function

	buf := make([]byte, 8192)
	_ = statsd.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, _ := statsd.Read(buf)
	for line := range strings.SplitSeq(string(buf[:n]), "\n") {
		fmt.Println(strings.Split(line, "|#")[0]) // without the tags
	}
	// Output:
	// orders.amount:12.5|d
}

func ExampleGauge() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
		ddlambda.Gauge(ctx, "cache.entries", 1024, "cache:products")
		return "ok", nil
	}, ddlambda.Metrics())
	_ = h // lambda.Start(h)
}

func ExampleCount() {
	h := lambdatrace.Wrap(func(ctx context.Context, _ struct{}) (string, error) {
		ddlambda.Count(ctx, "payments.retried", 2, "provider:acme")
		return "ok", nil
	}, ddlambda.Metrics())
	_ = h // lambda.Start(h)
}
