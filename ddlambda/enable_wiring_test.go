package ddlambda_test

import (
	"net"
	"path/filepath"
	"slices"
	"strconv"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/internal/fakeagent"
)

// sqsEventAt is one message from the orders queue, sent at sent.
func sqsEventAt(sent time.Time) string {
	return `{"Records":[{"messageId":"m-1","receiptHandle":"r","body":"{}","attributes":{"SentTimestamp":"` +
		strconv.FormatInt(sent.UnixMilli(), 10) + `"},"eventSource":"aws:sqs","eventSourceARN":"arn:aws:sqs:eu-west-1:123456789012:orders","awsRegion":"eu-west-1"}]}`
}

// Enable, without the extension and under Sampled=0, gives Datadog the
// queue's inferred span above aws.lambda, and sends the handler's metric
// and the enhanced metrics to DogStatsD.
func TestEnableInfersTheQueueAndSendsMetrics(t *testing.T) {
	agent := fakeagent.Start(t)
	statsd, err := net.ListenPacket("udp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = statsd.Close() })
	f := startFunction(t, functionEnv+"=queue", "DD_TRACE_AGENT_URL="+agent.URL(),
		"DD_DOGSTATSD_URL=udp://"+statsd.LocalAddr().String(), extPathEnv+"="+filepath.Join(t.TempDir(), "absent"))
	sent := time.Now().Add(-500 * time.Millisecond)
	if res := f.invoke(t, sqsEventAt(sent), xrayHeader(1, 0)); res.Failed {
		t.Fatalf("the invocation failed: %s", res.Body)
	}

	spans, _ := agent.Received()
	var lambdaSpan, queueSpan map[string]any
	for _, s := range spans {
		switch s["name"] {
		case "aws.lambda":
			lambdaSpan = s
		case "aws.sqs":
			queueSpan = s
		}
	}
	if lambdaSpan == nil || queueSpan == nil {
		t.Fatalf("Datadog got %v, want aws.sqs and aws.lambda", spans)
	}
	if fakeagent.Norm(lambdaSpan["parent_id"]) != fakeagent.Norm(queueSpan["span_id"]) {
		t.Errorf("aws.lambda's parent is %v, want the queue's span %v", lambdaSpan["parent_id"], queueSpan["span_id"])
	}
	if queueSpan["resource"] != "orders" {
		t.Errorf("the queue's span has resource %v, want orders", queueSpan["resource"])
	}
	if n := len(f.daemon.Datagrams()); n != 0 {
		t.Errorf("X-Ray got %d datagrams of an invocation it did not sample", n)
	}

	got := map[string][]string{}
	buf := make([]byte, 65536)
	for len(got) < 2 {
		_ = statsd.SetReadDeadline(time.Now().Add(10 * time.Second))
		n, _, err := statsd.ReadFrom(buf)
		if err != nil {
			t.Fatalf("DogStatsD got %v, then: %v", got, err)
		}
		ms, err := dogstatsd.Parse(buf[:n])
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			got[m.Name] = m.Tags
		}
	}
	if tags, ok := got["orders.received"]; !ok || !slices.Contains(tags, "queue:orders") {
		t.Errorf("the custom metric: %v", got)
	}
	if tags, ok := got["aws.lambda.enhanced.invocations"]; !ok || !slices.Contains(tags, "cold_start:true") {
		t.Errorf("the enhanced metric: %v", got)
	}
}
