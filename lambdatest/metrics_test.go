package lambdatest_test

import (
	"context"
	"net"
	"os"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// count sends one DogStatsD count to DD_DOGSTATSD_URL before it returns,
// as a function flushing its metrics with the invocation does.
func count(ctx context.Context, item string) (string, error) {
	c, err := net.Dial("udp", strings.TrimPrefix(os.Getenv("DD_DOGSTATSD_URL"), "udp://"))
	if err != nil {
		return "", err
	}
	defer func() { _ = c.Close() }()
	_, err = c.Write([]byte("orders.placed:1|c|#item:" + item + ",env:test"))
	return "ok", err
}

func TestMetrics(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			h := lambdatest.New(t)
			f := m.run(h, lambdatrace.Wrap(count, lambdatrace.WithoutGlobals()))
			inv := f.Invoke(t, "tea")
			inv.NoError(t)
			if got := inv.HasMetric(t, "orders.placed", "item:tea"); got.Value != 1 || got.Type != "c" {
				t.Errorf("metric %v, want orders.placed:1|c", got)
			}
			if n := len(f.Invoke(t, "cake").Metrics()); n != 1 {
				t.Errorf("the second invocation has %d metrics, want its own 1", n)
			}
			r := &recorder{TB: t}
			inv.HasMetric(r, "orders.placed", "item:cake")
			if len(r.errs) != 1 || !strings.Contains(r.errs[0], "orders.placed:1|c|#item:tea,env:test") {
				t.Errorf("failure %q lacks the metrics sent", r.errs)
			}
		})
	}
}
