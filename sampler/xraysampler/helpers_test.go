package xraysampler

import (
	"context"
	"math/rand/v2"
	"sync"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock(t time.Time) *fakeClock { return &fakeClock{t: t} }

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) set(t time.Time) {
	c.mu.Lock()
	c.t = t
	c.mu.Unlock()
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.mu.Unlock()
}

// seeded returns a deterministic uniform source, safe for concurrent use.
func seeded(seed uint64) func() float64 {
	var mu sync.Mutex
	r := rand.New(rand.NewPCG(seed, seed))
	return func() float64 {
		mu.Lock()
		defer mu.Unlock()
		return r.Float64()
	}
}

// testRule is X-Ray's default rule renamed, with priority p.
func testRule(name string, p int64, set func(*samplingrules.Rule)) samplingrules.Rule {
	r := samplingrules.Default()
	r.RuleName, r.Priority = name, p
	if set != nil {
		set(&r)
	}
	return r
}

func testResource(attrs ...attribute.KeyValue) *resource.Resource {
	return resource.NewSchemaless(attrs...)
}

// params is a root span's sampling parameters with attrs.
func params(attrs ...attribute.KeyValue) sdktrace.SamplingParameters {
	return sdktrace.SamplingParameters{ParentContext: context.Background(),
		TraceID: trace.TraceID{1}, Name: "span", Kind: trace.SpanKindServer, Attributes: attrs}
}

func httpAttrs(method, host, path string) []attribute.KeyValue {
	return []attribute.KeyValue{attribute.String("http.request.method", method),
		attribute.String("server.address", host), attribute.String("url.path", path)}
}

func shutdown(t *testing.T, s *Sampler) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Errorf("Shutdown: %v", err)
	}
}
