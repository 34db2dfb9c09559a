package xraysampler

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"os"
	"testing"
	"time"

	"go.opentelemetry.io/otel/attribute"
)

// answer is a transport that answers every request with one body.
type answer struct{ rules, targets []byte }

func (a answer) RoundTrip(r *http.Request) (*http.Response, error) {
	b := a.targets
	if r.URL.Path == "/GetSamplingRules" {
		b = a.rules
	}
	return &http.Response{StatusCode: 200, Body: io.NopCloser(bytes.NewReader(b)), Header: http.Header{}, Request: r}, nil
}

// FuzzProxyAnswers gives the sampler arbitrary rules and targets answers:
// it must not panic, and must go on deciding.
func FuzzProxyAnswers(f *testing.F) {
	if b, err := os.ReadFile("testdata/e2e-rules.json"); err == nil {
		f.Add(b, []byte(`{"SamplingTargetDocuments":[{"RuleName":"api","FixedRate":0.5,"ReservoirQuota":3,"ReservoirQuotaTTL":1e9,"Interval":10}],"LastRuleModification":1}`))
	}
	f.Add([]byte(`{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"x","Attributes":{"k":"*"}}}],"NextToken":"n"}`), []byte(`{}`))
	f.Fuzz(func(t *testing.T, rules, targets []byte) {
		clk := newFakeClock(testNow)
		s, err := New(WithoutCentralized(), withClock(clk.now), withRand(never),
			WithResource(testResource(attribute.String("service.name", "orders"))))
		if err != nil {
			t.Fatal(err)
		}
		s.proxy = &proxy{base: "http://fuzz", client: &http.Client{Transport: answer{rules, targets}}}
		ctx := context.Background()
		s.refreshRules(ctx)
		for range 3 {
			s.ShouldSample(params(httpAttrs("GET", "h", "/api/x")...))
			s.ShouldSample(params(attribute.String("k", "v")))
			clk.advance(11 * time.Second)
			s.refreshTargets(ctx)
		}
	})
}
