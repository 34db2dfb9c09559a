package xraylocal_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"testing"
	"time"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/sampler/xraysampler"
	"github.com/otelxray/otelxray/xraylocal"
)

// TestTraceShowsSamplingRule sends traces sampled by a sampler that takes
// its rules from xraylocal and checks that /api/traces names the rule
// that sampled each: "checkout" once the rules have arrived.
func TestTraceShowsSamplingRule(t *testing.T) {
	rules := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rules, []byte(`{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"checkout","ResourceARN":"*",
		"Priority":1,"FixedRate":1,"ReservoirSize":0,"ServiceName":"*","ServiceType":"*","Host":"*","HTTPMethod":"*",
		"URLPath":"/checkout","Version":1}}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"),
		xraylocal.WithSamplingRules(rules))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	u, _ := url.Parse(srv.URL())
	res := resource.NewSchemaless(attribute.String("service.name", "web"))
	sampler, err := xraysampler.New(xraysampler.WithEndpoint(u.Host), xraysampler.WithResource(res))
	if err != nil {
		t.Fatal(err)
	}
	defer sampler.Shutdown(context.Background())
	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(sampler), sdktrace.WithSyncer(exp),
		sdktrace.WithResource(res), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	defer tp.Shutdown(context.Background())

	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		_, sp := tp.Tracer("web").Start(context.Background(), "GET /checkout", trace.WithSpanKind(trace.SpanKindServer),
			trace.WithAttributes(attribute.String("http.request.method", "GET"), attribute.String("url.path", "/checkout")))
		sp.End()
		resp, err := http.Get(srv.URL() + "api/traces?limit=500")
		if err != nil {
			t.Fatal(err)
		}
		var list struct {
			Traces []xraylocal.TraceSummary `json:"traces"`
		}
		err = json.NewDecoder(resp.Body).Decode(&list)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, tr := range list.Traces {
			switch tr.SamplingRule {
			case "checkout":
				if got, _ := srv.Trace(tr.ID); got.SamplingRule != "checkout" {
					t.Errorf("the trace's detail names rule %q, its summary checkout", got.SamplingRule)
				}
				return
			case "Default", "": // before the rules arrived; still going
			default:
				t.Fatalf("trace %s: sampling_rule %q", tr.ID, tr.SamplingRule)
			}
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("no trace named the checkout rule in 20 s (sampler error: %v)", sampler.Err())
}
