package ddlambda

import (
	"context"
	"errors"
	"math"
	"net"
	"os"
	"path/filepath"
	"slices"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/lambdacontext"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/lambdatrace"
)

func TestFunctionTags(t *testing.T) {
	f := functionInfo{name: "Orders", region: "us-east-1", memory: "512", version: "12", runtime: "provided.al2023"}
	base := []string{"functionname:orders"}
	for _, tc := range []struct {
		arn  string
		want []string
	}{
		{"arn:aws:lambda:eu-west-1:123456789012:function:Orders", append(base, "region:eu-west-1", "account_id:123456789012", "memorysize:512", "resource:Orders", "runtime:provided.al2023")},
		{"arn:aws:lambda:eu-west-1:123456789012:function:Orders:$LATEST", append(base, "region:eu-west-1", "account_id:123456789012", "memorysize:512", "resource:Orders:LATEST", "runtime:provided.al2023")},
		{"arn:aws:lambda:eu-west-1:123456789012:function:Orders:12", append(base, "region:eu-west-1", "account_id:123456789012", "memorysize:512", "resource:Orders:12", "runtime:provided.al2023")},
		{"arn:aws:lambda:eu-west-1:123456789012:function:Orders:live", append(base, "region:eu-west-1", "account_id:123456789012", "memorysize:512", "executedversion:12", "resource:Orders:live", "runtime:provided.al2023")},
		{"", append(base, "region:us-east-1", "memorysize:512", "resource:Orders", "runtime:provided.al2023")},
		{"not:an:arn", append(base, "region:us-east-1", "memorysize:512", "resource:Orders", "runtime:provided.al2023")},
	} {
		if got := f.tags(tc.arn); !slices.Equal(got, tc.want) {
			t.Errorf("tags(%q) =\n %v\nwant\n %v", tc.arn, got, tc.want)
		}
	}
	// No name in the environment: the ARN's.
	if got := (functionInfo{}).tags("arn:aws:lambda:eu-west-1:1:function:Pay"); !slices.Equal(got, []string{"functionname:pay", "region:eu-west-1", "account_id:1", "resource:Pay"}) {
		t.Errorf("%v", got)
	}
}

func TestMetricsConfigFromEnv(t *testing.T) {
	marker := filepath.Join(t.TempDir(), "datadog-agent")
	if err := os.WriteFile(marker, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(t.TempDir(), "missing")
	for _, tc := range []struct {
		name      string
		env       map[string]string
		path      string
		addr      string
		enhanced  bool
		extension bool
		tags      []string
		problems  int
	}{
		{"not in Lambda", map[string]string{"AWS_LAMBDA_FUNCTION_NAME": ""}, missing, dogstatsd.DefaultAddr, false, false, nil, 0},
		{"defaults", nil, missing, dogstatsd.DefaultAddr, true, false, nil, 0},
		{"url", map[string]string{"DD_DOGSTATSD_URL": "udp://10.1.2.3:9125"}, missing, "10.1.2.3:9125", true, false, nil, 0},
		{"unix socket", map[string]string{"DD_DOGSTATSD_URL": "unix:///tmp/dsd.sock"}, missing, dogstatsd.DefaultAddr, true, false, nil, 1},
		{"host and port", map[string]string{"DD_AGENT_HOST": "agent", "DD_DOGSTATSD_PORT": "9125"}, missing, "agent:9125", true, false, nil, 0},
		{"off", map[string]string{EnvEnhancedMetrics: "FALSE"}, missing, dogstatsd.DefaultAddr, false, false, nil, 0},
		{"bad flag: only true is on", map[string]string{EnvEnhancedMetrics: "nope"}, missing, dogstatsd.DefaultAddr, false, false, nil, 1},
		{"tags", map[string]string{"DD_TAGS": "a:1, b:2 c", "DD_ENV": "prod", "DD_SERVICE": "svc", "DD_VERSION": "v1"}, missing, dogstatsd.DefaultAddr, true, false,
			[]string{"a:1", "b:2", "c", "env:prod", "service:svc", "version:v1"}, 0},
		{"extension adds the tags", map[string]string{"DD_TAGS": "a:1", "DD_ENV": "prod"}, marker, dogstatsd.DefaultAddr, true, true, nil, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			getenv := func(k string) string {
				if v, ok := tc.env[k]; ok {
					return v
				}
				if k == "AWS_LAMBDA_FUNCTION_NAME" {
					return "orders"
				}
				return ""
			}
			c, problems := metricsConfigFromEnv(getenv, tc.path)
			want := append(tc.tags, layerTag())
			if c.addr != tc.addr || c.enhanced != tc.enhanced || c.extension != tc.extension || !slices.Equal(c.tags, want) || len(problems) != tc.problems {
				t.Errorf("got %+v, %v", c, problems)
			}
		})
	}
}

// TestNoMetrics: without the hooks, the calls do nothing.
func TestNoMetrics(t *testing.T) {
	Distribution(context.Background(), "x", 1)
	Gauge(context.TODO(), "x", 1, "a")
	//lint:ignore SA1012 a nil context must not panic
	Count(nil, "x", 1)
}

func listenStatsd(t *testing.T) *net.UDPConn {
	c, err := net.ListenUDP("udp", &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func wrapWith(m *metrics, h func(context.Context, struct{}) (string, error)) func(context.Context, struct{}) (string, error) {
	return lambdatrace.Wrap(h, lambdatrace.WithTracerProvider(sdktrace.NewTracerProvider()), lambdatrace.WithHooks(m.hooks()))
}

func lambdaCtx() context.Context {
	return lambdacontext.NewContext(context.Background(), &lambdacontext.LambdaContext{AwsRequestID: "r", InvokedFunctionArn: aliasARN})
}

// TestDeadPortCounted: no error, the drop counted.
func TestDeadPortCounted(t *testing.T) {
	sd := listenStatsd(t)
	addr := sd.LocalAddr().String()
	sd.Close()
	m, err := newMetrics(metricsConfig{addr: addr, enhanced: true})
	if err != nil {
		t.Fatal(err)
	}
	h := wrapWith(m, func(ctx context.Context, _ struct{}) (string, error) {
		Distribution(ctx, "x", 1)
		return "ok", nil
	})
	for range 4 {
		if _, err := h(lambdaCtx(), struct{}{}); err != nil {
			t.Fatal(err)
		}
	}
	st := m.stats()
	if st.Dropped.Refused == 0 || st.Dropped.Refused+st.Sent != 8 || st.Dropped.Failed != 0 {
		t.Errorf("stats = %+v", st)
	}
}

// TestLateAndInvalidMetrics: a metric added after the invocation ended,
// or one that cannot be sent, is dropped and counted; the rest go.
func TestLateAndInvalidMetrics(t *testing.T) {
	sd := listenStatsd(t)
	m, err := newMetrics(metricsConfig{addr: sd.LocalAddr().String()})
	if err != nil {
		t.Fatal(err)
	}
	var kept context.Context
	h := wrapWith(m, func(ctx context.Context, _ struct{}) (string, error) {
		kept = ctx
		Gauge(ctx, "ok", 1)
		Gauge(ctx, "9lives", 1)
		Count(ctx, "nan", math.NaN())
		return "", errors.New("x")
	})
	if _, err := h(lambdaCtx(), struct{}{}); err == nil {
		t.Fatal("the error was lost")
	}
	Distribution(kept, "late", 1)
	buf := make([]byte, 9000)
	_ = sd.SetReadDeadline(time.Now().Add(10 * time.Second))
	n, err := sd.Read(buf)
	if err != nil || string(buf[:n]) != "ok:1|g" {
		t.Errorf("%q %v", buf[:n], err)
	}
	if st := m.stats(); st.Sent != 1 || st.Dropped.Invalid != 2 || st.Dropped.Late != 1 {
		t.Errorf("stats = %+v", st)
	}
}

func TestSetTag(t *testing.T) {
	c := metricsConfig{tags: []string{"env:dev", "team:a", "service:x"}}
	c.setTag("env", "prod")
	c.setTag("version", "1.2")
	c.setTag("service", "")
	if want := []string{"team:a", "service:x", "env:prod", "version:1.2"}; !slices.Equal(c.tags, want) {
		t.Errorf("tags = %v, want %v", c.tags, want)
	}
}
