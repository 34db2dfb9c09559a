package xraysampler

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/xraylocal"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// TestEndToEnd runs 10,000 requests through the sampler and the exporter
// against an embedded xraylocal serving testdata/e2e-rules.json, over 20
// simulated seconds (500 requests a second, half of them GET /api/...):
//
//   - rule "api" (reservoir 5/s, rate 10%): second 0 borrows 1, then
//     10% of 249; seconds 1-19 take 5 from the quota, then 10% of 245.
//     Expected 586.4, sd 21.0; the test allows 4 sd (502 to 670).
//   - Default (reservoir 1/s, rate 0): exactly 1 a second, 20.
//
// xraylocal must receive exactly the sampled spans and count exactly the
// 5,000 requests of each rule.
func TestEndToEnd(t *testing.T) {
	srv, err := xraylocal.Start(xraylocal.WithUDPAddr("127.0.0.1:0"), xraylocal.WithHTTPAddr("127.0.0.1:0"),
		xraylocal.WithSamplingRules("testdata/e2e-rules.json"))
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	u, _ := url.Parse(srv.URL())
	base := time.Now().Truncate(time.Second)
	clk := newFakeClock(base)
	s, err := New(WithEndpoint(u.Host), withClock(clk.now), withRand(seeded(42)), WithRulesInterval(time.Hour),
		WithTargetsInterval(time.Hour), WithResource(testResource(attribute.String("service.name", "orders"))))
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(t, s)
	waitRules(t, s)

	exp, err := xrayudp.New(xrayudp.WithEndpoint(srv.UDPAddr()), xrayudp.WithWriteTimeout(10*time.Second))
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSampler(s), sdktrace.WithBatcher(exp), sdktrace.WithIDGenerator(xray.NewIDGenerator()))
	tracer := tp.Tracer("e2e")
	ctx := context.Background()
	sampled := map[bool]int{}
	for sec := range 20 {
		if sec == 1 || sec == 11 {
			clk.set(base.Add(time.Duration(sec) * time.Second))
			s.refreshTargets(ctx)
		}
		for i := range 500 {
			clk.set(base.Add(time.Duration(sec)*time.Second + time.Duration(i)*2*time.Millisecond))
			api := i%2 == 0
			attrs := httpAttrs("GET", "orders.example.com", "/health")
			if api {
				attrs = httpAttrs("GET", "orders.example.com", "/api/orders")
			}
			_, span := tracer.Start(ctx, "request", trace.WithSpanKind(trace.SpanKindServer), trace.WithAttributes(attrs...))
			if span.SpanContext().IsSampled() {
				sampled[api]++
			}
			span.End()
		}
		// Each second's spans are flushed and received before the next, so
		// that a busy machine loses no datagram.
		if err := tp.ForceFlush(ctx); err != nil {
			t.Fatal(err)
		}
		wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
		err := srv.WaitDocuments(wctx, sampled[true]+sampled[false])
		cancel()
		if err != nil {
			t.Fatalf("second %d: %v", sec, err)
		}
	}
	clk.set(base.Add(22 * time.Second))
	s.refreshTargets(ctx)
	if err := tp.Shutdown(ctx); err != nil {
		t.Fatal(err)
	}
	t.Logf("sampled: api %d, Default %d", sampled[true], sampled[false])
	if sampled[false] != 20 {
		t.Errorf("Default sampled %d, want 20 (1 a second)", sampled[false])
	}
	if n := sampled[true]; n < 502 || n > 670 {
		t.Errorf("api sampled %d, want 586 ± 84", n)
	}
	wctx, cancel := context.WithTimeout(ctx, 20*time.Second)
	defer cancel()
	total := sampled[true] + sampled[false]
	if err := srv.WaitDocuments(wctx, total); err != nil {
		t.Fatal(err)
	}
	if got := srv.Stats().Documents; got != uint64(total) {
		t.Errorf("xraylocal has %d documents, the sampler sampled %d", got, total)
	}

	var rep struct {
		Rules []struct {
			Rule                        struct{ RuleName string }
			Requests, Sampled, Borrowed int64
			Samplers                    []struct {
				Quota int64 `json:"reservoir_quota"`
			}
		}
	}
	resp, err := http.Get(srv.URL() + "api/sampling")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(&rep); err != nil {
		t.Fatal(err)
	}
	want := map[string][3]int64{"api": {5000, int64(sampled[true]), 1}, "Default": {5000, 20, 1}}
	for _, r := range rep.Rules {
		w := want[r.Rule.RuleName]
		if got := [3]int64{r.Requests, r.Sampled, r.Borrowed}; got != w {
			t.Errorf("xraylocal counts for %s: %v, want %v", r.Rule.RuleName, got, w)
		}
		if len(r.Samplers) != 1 {
			t.Errorf("%s: %d samplers", r.Rule.RuleName, len(r.Samplers))
		}
	}
}
