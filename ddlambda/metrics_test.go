package ddlambda

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/internal/fakeruntime"
)

const aliasARN = "arn:aws:lambda:eu-west-1:123456789012:function:Orders:live"

// TestMetricsInLambda: custom and enhanced metrics from a real
// aws-lambda-go loop, one datagram per invocation, cold_start on the first
// only, errors and timeouts counted.
func TestMetricsInLambda(t *testing.T) {
	f := startMetricsFunction(t, fakeruntime.Options{ARN: aliasARN, Timeout: 2e9},
		"DD_ENV=prod", "DD_SERVICE=orders-api", "DD_VERSION=1.2.3", "DD_TAGS=team:a tier:1,,owner:me")
	fnTags := []string{"functionname:orders", "region:eu-west-1", "account_id:123456789012", "memorysize:128",
		"resource:Orders:live", "executedversion:7", "runtime:provided.al2023"}
	global := []string{"env:prod", "service:orders-api", "version:1.2.3", "team:a", "tier:1", "owner:me", layerTag()}

	for i, tc := range []struct {
		event               metricsEvent
		cold, fails, timout bool
	}{
		{metricsEvent{}, true, false, false},
		{metricsEvent{}, false, false, false},
		{metricsEvent{Fail: "no stock"}, false, true, false},
		{metricsEvent{HangMs: 10_000}, false, true, true},
	} {
		res := f.invoke(t, tc.event)
		if res.Failed != tc.fails || res.TimedOut != tc.timout {
			t.Fatalf("invocation %d: %+v", i, res)
		}
		ms := f.datagram(t)
		want := 3 + 1
		if tc.fails {
			want++
		}
		if tc.timout {
			want++
		}
		if len(ms) != want {
			t.Errorf("invocation %d: %d metrics, want %d: %v", i, len(ms), want, ms)
		}
		v := ms["orders.value"]
		if v.Type != "d" || v.Value != 42.5 {
			t.Errorf("invocation %d: orders.value = %+v", i, v)
		}
		hasTags(t, v, append([]string{"currency:eur", "password:REDACTED"}, global...)...)
		lacksTags(t, v, "cold_start", "functionname")
		if c, g := ms["orders.placed"], ms["queue.depth"]; c.Type != "c" || c.Value != 1 || g.Type != "g" || g.Value != 3 {
			t.Errorf("invocation %d: %+v %+v", i, c, g)
		}
		hasTags(t, ms["queue.depth"], "queue:orders")
		cold := "cold_start:false"
		if tc.cold {
			cold = "cold_start:true"
		}
		for _, name := range []string{enhancedInvocations, enhancedErrors, enhancedTimeouts} {
			m, ok := ms[name]
			sent := name == enhancedInvocations || (name == enhancedErrors && tc.fails) || (name == enhancedTimeouts && tc.timout)
			if ok != sent {
				t.Errorf("invocation %d: %s sent: %v", i, name, ok)
				continue
			}
			if ok {
				if m.Type != "d" || m.Value != 1 {
					t.Errorf("invocation %d: %+v", i, m)
				}
				hasTags(t, m, append(append([]string{cold}, fnTags...), global...)...)
			}
		}
	}
}

// TestMetricsWithExtension: where the Datadog extension is installed, no
// enhanced metric (it emits its own) and no env tags (it adds them), but
// the handler's metrics are sent.
func TestMetricsWithExtension(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "datadog-agent")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	f := startMetricsFunction(t, fakeruntime.Options{}, extPathEnv+"="+marker, "DD_ENV=prod")
	for range 2 {
		if res := f.invoke(t, metricsEvent{Fail: "x"}); !res.Failed {
			t.Fatalf("%+v", res)
		}
		ms := f.datagram(t)
		if len(ms) != 3 {
			t.Errorf("%d metrics, want the handler's 3: %v", len(ms), ms)
		}
		for name, m := range ms {
			if strings.HasPrefix(name, "aws.lambda.enhanced.") {
				t.Errorf("enhanced metric sent with the extension: %+v", m)
			}
			lacksTags(t, m, "env:")
			hasTags(t, m, layerTag())
		}
	}
}

// TestMetricsOffByEnv: DD_ENHANCED_METRICS=false leaves the handler's.
func TestMetricsOffByEnv(t *testing.T) {
	f := startMetricsFunction(t, fakeruntime.Options{}, "DD_ENHANCED_METRICS=false")
	f.invoke(t, metricsEvent{})
	if ms := f.datagram(t); len(ms) != 3 || ms[enhancedInvocations].Name != "" {
		t.Errorf("%v", ms)
	}
}

// TestMetricsDeadPortInLambda: nothing listens on DogStatsD's port; the
// invocations succeed and nothing else is written.
func TestMetricsDeadPortInLambda(t *testing.T) {
	dead := startMetricsFunction(t, fakeruntime.Options{}) // only its closed socket's port is used
	addr := dead.statsd.LocalAddr().String()
	dead.statsd.Close()
	f := startMetricsFunction(t, fakeruntime.Options{}, "DD_DOGSTATSD_URL=udp://"+addr)
	for range 3 {
		if res := f.invoke(t, metricsEvent{}); res.Failed || string(res.Body) != `"ok"` {
			t.Fatalf("%+v", res)
		}
	}
	f.quiet(t)
}
