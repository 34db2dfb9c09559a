package ddlambda

import (
	"context"
	"encoding/json"
	"errors"
	"net"
	"os"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambda"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/internal/fakeruntime"
	"github.com/otelxray/otelxray/lambdatrace"
)

// metricsFunctionEnv, in a subprocess, makes TestMetricsFunctionProcess
// run metricsHandler as a Lambda function (aws-lambda-go's loop).
const metricsFunctionEnv = "DDLAMBDA_TEST_METRICS_FUNCTION"

type metricsEvent struct {
	Fail   string `json:"fail,omitempty"`
	HangMs int    `json:"hang_ms,omitempty"`
}

func metricsHandler(ctx context.Context, e metricsEvent) (string, error) {
	Distribution(ctx, "orders.value", 42.5, "currency:eur", "password:hunter2")
	Count(ctx, "orders.placed", 1)
	Gauge(ctx, "queue.depth", 3, "queue:orders")
	if e.HangMs > 0 {
		time.Sleep(time.Duration(e.HangMs) * time.Millisecond)
	}
	if e.Fail != "" {
		return "", errors.New(e.Fail)
	}
	return "ok", nil
}

// TestMetricsFunctionProcess is the function when run as a subprocess; it
// is skipped otherwise.
func TestMetricsFunctionProcess(t *testing.T) {
	if os.Getenv(metricsFunctionEnv) == "" {
		t.Skip("the Lambda function of the metrics tests, run in a subprocess")
	}
	lambda.Start(lambdatrace.Wrap(metricsHandler, lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()),
		Metrics(WithMetricsExtensionPath(os.Getenv(extPathEnv)))))
}

// metricsFunction runs metricsHandler in a subprocess under a fake
// Runtime API, with a UDP socket standing in for DogStatsD.
type metricsFunction struct {
	rt     *fakeruntime.Runtime
	statsd *net.UDPConn
}

func startMetricsFunction(t *testing.T, o fakeruntime.Options, env ...string) *metricsFunction {
	t.Helper()
	rt, err := fakeruntime.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(rt.Close)
	sd, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sd.Close() })
	startProcess(t, "^TestMetricsFunctionProcess$", append([]string{metricsFunctionEnv + "=1",
		"AWS_LAMBDA_RUNTIME_API=" + rt.Addr(),
		"DD_DOGSTATSD_URL=udp://" + sd.LocalAddr().String(),
		"AWS_LAMBDA_FUNCTION_NAME=Orders",
		"AWS_LAMBDA_FUNCTION_VERSION=7",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
		"AWS_REGION=eu-west-1",
		"AWS_EXECUTION_ENV=AWS_Lambda_provided.al2023",
		extPathEnv + "=" + t.TempDir() + "/no-extension"}, env...)...)
	return &metricsFunction{rt: rt, statsd: sd}
}

func (f *metricsFunction) invoke(t *testing.T, e metricsEvent) fakeruntime.Result {
	t.Helper()
	b, _ := json.Marshal(e)
	return invokeProcess(t, f.rt, b, "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1")
}

// datagram reads one datagram and parses it.
func (f *metricsFunction) datagram(t *testing.T) map[string]dogstatsd.Metric {
	t.Helper()
	buf := make([]byte, 65536)
	_ = f.statsd.SetReadDeadline(time.Now().Add(20 * time.Second))
	n, err := f.statsd.Read(buf)
	if err != nil {
		t.Fatalf("no datagram: %v", err)
	}
	ms, err := dogstatsd.Parse(buf[:n])
	if err != nil {
		t.Fatalf("%q: %v", buf[:n], err)
	}
	out := map[string]dogstatsd.Metric{}
	for _, m := range ms {
		if _, dup := out[m.Name]; dup {
			t.Errorf("%s twice in %q", m.Name, buf[:n])
		}
		out[m.Name] = m
	}
	return out
}

// quiet reports whether no datagram arrives for a while (a check that
// nothing more was sent, not a timing assertion).
func (f *metricsFunction) quiet(t *testing.T) {
	t.Helper()
	buf := make([]byte, 65536)
	_ = f.statsd.SetReadDeadline(time.Now().Add(100 * time.Millisecond))
	if n, err := f.statsd.Read(buf); err == nil {
		t.Errorf("unexpected datagram %q", buf[:n])
	}
}

func hasTags(t *testing.T, m dogstatsd.Metric, want ...string) {
	t.Helper()
	for _, w := range want {
		if !slices.Contains(m.Tags, w) {
			t.Errorf("%s: no tag %q in %v", m.Name, w, m.Tags)
		}
	}
}

func lacksTags(t *testing.T, m dogstatsd.Metric, prefixes ...string) {
	t.Helper()
	for _, tag := range m.Tags {
		for _, p := range prefixes {
			if strings.HasPrefix(tag, p) {
				t.Errorf("%s: tag %q should not be there", m.Name, tag)
			}
		}
	}
}
