package xraysampler

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/samplingrules"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// fakeProxy serves rules and records the statistics it is sent.
type fakeProxy struct {
	mu         sync.Mutex
	rules      []samplingrules.Rule
	stats      []samplingrules.Statistics
	target     samplingrules.Target
	lastMod    float64
	rulesCalls atomic.Int32
}

func (p *fakeProxy) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	defer p.mu.Unlock()
	b, _ := io.ReadAll(r.Body)
	switch r.URL.Path {
	case "/GetSamplingRules":
		p.rulesCalls.Add(1)
		var resp samplingrules.RulesResponse
		for _, rule := range p.rules {
			resp.SamplingRuleRecords = append(resp.SamplingRuleRecords, samplingrules.Record{SamplingRule: &rule})
		}
		_ = json.NewEncoder(w).Encode(resp)
	case "/SamplingTargets":
		var req samplingrules.TargetsRequest
		_ = json.Unmarshal(b, &req)
		p.stats = append(p.stats, req.SamplingStatisticsDocuments...)
		resp := samplingrules.TargetsResponse{LastRuleModification: p.lastMod}
		for _, s := range req.SamplingStatisticsDocuments {
			t := p.target
			t.RuleName = s.RuleName
			resp.SamplingTargetDocuments = append(resp.SamplingTargetDocuments, t)
		}
		_ = json.NewEncoder(w).Encode(resp)
	default:
		http.NotFound(w, r)
	}
}

func startProxy(t *testing.T, h http.Handler) string {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	return strings.TrimPrefix(srv.URL, "http://")
}

// waitRules waits (in real time) for the poller's first rules.
func waitRules(t *testing.T, s *Sampler) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for s.remote.Load() == nil {
		if time.Now().After(deadline) {
			t.Fatalf("no rules after 10 s; last error: %v", s.Err())
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// quiet are options that keep the background poller to its first fetch.
func quiet(clk *fakeClock) []Option {
	return []Option{withClock(clk.now), withRand(never), WithRulesInterval(time.Hour), WithTargetsInterval(time.Hour),
		WithResource(testResource(attribute.String("service.name", "orders")))}
}

func sampledCount(s sdktrace.Sampler, n int, clk *fakeClock, step time.Duration, attrs ...attribute.KeyValue) int {
	got := 0
	for range n {
		if s.ShouldSample(params(attrs...)).Decision == sdktrace.RecordAndSample {
			got++
		}
		clk.advance(step)
	}
	return got
}

func TestStatisticsAndTargets(t *testing.T) {
	fp := &fakeProxy{rules: []samplingrules.Rule{samplingrules.Default(),
		testRule("orders", 1, func(r *samplingrules.Rule) { r.ServiceName, r.FixedRate, r.ReservoirSize = "orders", 0, 10 })}}
	q, iv := int64(4), int64(10)
	clk := newFakeClock(testNow)
	ttl := float64(testNow.Add(time.Hour).Unix())
	fp.target = samplingrules.Target{FixedRate: 0, ReservoirQuota: &q, ReservoirQuotaTTL: &ttl, Interval: &iv}
	s, err := New(append(quiet(clk), WithEndpoint(startProxy(t, fp)))...)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(t, s)
	waitRules(t, s)
	// Before a target: borrow one a second.
	if got := sampledCount(s, 100, clk, 10*time.Millisecond); got != 1 {
		t.Errorf("sampled %d in the first second, want 1 (borrowed)", got)
	}
	if s.refreshTargets(context.Background()) {
		t.Error("asked for a refetch")
	}
	fp.mu.Lock()
	st := fp.stats
	fp.mu.Unlock()
	if len(st) != 1 || st[0].RuleName != "orders" || st[0].RequestCount != 100 || st[0].SampledCount != 1 || st[0].BorrowCount != 1 ||
		len(st[0].ClientID) != 24 || st[0].Timestamp != float64(clk.now().Unix()) {
		t.Fatalf("statistics %+v", st)
	}
	if got := sampledCount(s, 300, clk, 10*time.Millisecond); got != 12 {
		t.Errorf("sampled %d in 3 s with quota 4, want 12", got)
	}
}

func TestRefetchWhenRulesChanged(t *testing.T) {
	fp := &fakeProxy{rules: []samplingrules.Rule{samplingrules.Default()}}
	clk := newFakeClock(testNow)
	s, err := New(append(quiet(clk), WithEndpoint(startProxy(t, fp)))...)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(t, s)
	waitRules(t, s)
	s.ShouldSample(params())
	fp.mu.Lock()
	fp.lastMod = float64(testNow.Add(time.Second).Unix())
	fp.mu.Unlock()
	if !s.refreshTargets(context.Background()) {
		t.Error("no refetch though LastRuleModification is newer than the rules")
	}
}

func TestGarbageProxy(t *testing.T) {
	for name, h := range map[string]http.HandlerFunc{
		"garbage": func(w http.ResponseWriter, r *http.Request) { _, _ = w.Write([]byte("<html>nope")) },
		"500":     func(w http.ResponseWriter, r *http.Request) { http.Error(w, "down", 500) },
		"huge": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(strings.Repeat(" ", maxResponseBytes+10)))
		},
		"bad rules": func(w http.ResponseWriter, r *http.Request) {
			_, _ = w.Write([]byte(`{"SamplingRuleRecords":[{"SamplingRule":{"RuleName":"x","FixedRate":7}}]}`))
		},
		"endless pages": func(w http.ResponseWriter, r *http.Request) {
			var req samplingrules.RulesRequest
			_ = json.NewDecoder(r.Body).Decode(&req)
			next := "a"
			if req.NextToken != nil {
				next = *req.NextToken + "a"
			}
			_ = json.NewEncoder(w).Encode(samplingrules.RulesResponse{NextToken: &next})
		},
	} {
		t.Run(name, func(t *testing.T) {
			clk := newFakeClock(testNow)
			s, err := New(append(quiet(clk), WithEndpoint(startProxy(t, h)))...)
			if err != nil {
				t.Fatal(err)
			}
			defer shutdown(t, s)
			deadline := time.Now().Add(10 * time.Second)
			for s.Err() == nil && time.Now().Before(deadline) {
				time.Sleep(5 * time.Millisecond)
			}
			if s.Err() == nil {
				t.Fatal("no error reported")
			}
			if m := s.remote.Load(); m != nil && len(m.rules) > 0 {
				t.Fatalf("rules taken from a bad answer: %d", len(m.rules))
			}
			// The local fallback: 1 a second (rand never under 5%).
			if got := sampledCount(s, 1000, clk, 10*time.Millisecond); got != 10 {
				t.Errorf("sampled %d in 10 s, want 10", got)
			}
		})
	}
}

func TestStalledProxyDoesNotBlock(t *testing.T) {
	entered := make(chan struct{}, 10)
	release := make(chan struct{})
	h := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		entered <- struct{}{}
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	addr := startProxy(t, h)
	defer close(release)
	clk := newFakeClock(testNow)
	s, err := New(append(quiet(clk), WithEndpoint(addr))...)
	if err != nil {
		t.Fatal(err)
	}
	<-entered // the poller is stuck in its first request
	if got := sampledCount(s, 1000, clk, 10*time.Millisecond); got != 10 {
		t.Errorf("sampled %d while the proxy stalls, want the fallback's 10", got)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	if err := s.Shutdown(ctx); err != nil {
		t.Fatalf("Shutdown while the proxy stalls: %v", err)
	}
}

func TestNoGoroutineLeak(t *testing.T) {
	fp := &fakeProxy{rules: []samplingrules.Rule{samplingrules.Default()}}
	addr := startProxy(t, fp)
	before := runtime.NumGoroutine()
	for range 5 {
		clk := newFakeClock(testNow)
		s, err := New(append(quiet(clk), WithEndpoint(addr))...)
		if err != nil {
			t.Fatal(err)
		}
		waitRules(t, s)
		shutdown(t, s)
		if err := s.Shutdown(context.Background()); err != nil {
			t.Errorf("second Shutdown: %v", err)
		}
	}
	deadline := time.Now().Add(10 * time.Second)
	for runtime.NumGoroutine() > before && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := runtime.NumGoroutine(); n > before {
		buf := make([]byte, 1<<16)
		t.Errorf("%d goroutines after Shutdown, %d before:\n%s", n, before, buf[:runtime.Stack(buf, true)])
	}
}

func TestRulesExpireAfterAnHour(t *testing.T) {
	fp := &fakeProxy{rules: []samplingrules.Rule{testRule("all", 1, func(r *samplingrules.Rule) { r.FixedRate, r.ReservoirSize = 1, 0 })}}
	clk := newFakeClock(testNow)
	s, err := New(append(quiet(clk), WithEndpoint(startProxy(t, fp)))...)
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(t, s)
	waitRules(t, s)
	if got := sampledCount(s, 100, clk, time.Millisecond); got != 100 {
		t.Errorf("sampled %d of 100 at rate 1", got)
	}
	clk.advance(manifestTTL)
	if got := sampledCount(s, 100, clk, time.Millisecond); got != 1 {
		t.Errorf("sampled %d of 100 an hour on, want the fallback's 1", got)
	}
}

func TestParentBased(t *testing.T) {
	clk := newFakeClock(testNow)
	rootRate0 := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(rootRate0, []byte(`{"version":2,"default":{"fixed_target":0,"rate":0}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	parent := func(sampled bool) sdktrace.SamplingParameters {
		flags := trace.TraceFlags(0)
		if sampled {
			flags = trace.FlagsSampled
		}
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}, TraceFlags: flags, Remote: true})
		p := params()
		p.ParentContext = trace.ContextWithRemoteSpanContext(context.Background(), sc)
		return p
	}
	pb, err := New(WithoutCentralized(), WithRulesFile(rootRate0), withClock(clk.now))
	if err != nil {
		t.Fatal(err)
	}
	if pb.ShouldSample(parent(true)).Decision != sdktrace.RecordAndSample || pb.ShouldSample(parent(false)).Decision != sdktrace.Drop {
		t.Error("the parent's decision is not kept")
	}
	if !strings.Contains(pb.Description(), "ParentBased") {
		t.Errorf("description %q", pb.Description())
	}
	raw, err := New(WithoutCentralized(), WithRulesFile(rootRate0), withClock(clk.now), WithoutParentBased())
	if err != nil {
		t.Fatal(err)
	}
	if raw.ShouldSample(parent(true)).Decision != sdktrace.Drop {
		t.Error("the raw sampler followed the parent")
	}
	for _, s := range []*Sampler{pb, raw} {
		if err := s.Shutdown(context.Background()); err != nil {
			t.Error(err)
		}
	}
}

func TestRulesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "rules.json")
	if err := os.WriteFile(path, []byte(`{"version":2,"rules":[
		{"description":"health","host":"*","http_method":"*","url_path":"/health","fixed_target":0,"rate":0},
		{"description":"all gets","host":"*","http_method":"GET","url_path":"*","fixed_target":0,"rate":1}],
		"default":{"fixed_target":0,"rate":0}}`), 0o600); err != nil {
		t.Fatal(err)
	}
	clk := newFakeClock(testNow)
	s, err := New(WithoutCentralized(), WithRulesFile(path), withClock(clk.now), withRand(never))
	if err != nil {
		t.Fatal(err)
	}
	defer shutdown(t, s)
	for _, c := range []struct {
		method, path string
		want         int
	}{{"GET", "/health", 0}, {"GET", "/orders", 50}, {"POST", "/orders", 0}} {
		if got := sampledCount(s, 50, clk, time.Millisecond, httpAttrs(c.method, "h", c.path)...); got != c.want {
			t.Errorf("%s %s: sampled %d of 50, want %d", c.method, c.path, got, c.want)
		}
	}
	for _, bad := range []string{filepath.Join(t.TempDir(), "missing.json"), "/dev/null"} {
		if _, err := New(WithoutCentralized(), WithRulesFile(bad)); err == nil {
			t.Errorf("%s: no error", bad)
		}
	}
}

func TestInLambdaNoPolling(t *testing.T) {
	s, err := New(withGetenv(func(k string) string {
		if k == "AWS_LAMBDA_FUNCTION_NAME" {
			return "fn"
		}
		return ""
	}))
	if err != nil {
		t.Fatal(err)
	}
	select {
	case <-s.done:
	default:
		t.Error("a poller runs in Lambda")
	}
	shutdown(t, s)
}

func TestEndpoint(t *testing.T) {
	for _, c := range []struct{ opt, env, want string }{
		{"", "", "http://127.0.0.1:2000"},
		{"", "udp:127.0.0.1:2000 tcp:127.0.0.1:2001", "http://127.0.0.1:2001"},
		{"", "10.0.0.1:3000", "http://10.0.0.1:3000"},
		{"localhost:2005", "udp:127.0.0.1:2000 tcp:127.0.0.1:2001", "http://localhost:2005"},
		{"", "nonsense", ""},
		{"udp:127.0.0.1:2000", "", ""},
	} {
		env := func(k string) string {
			if k == EnvDaemonAddress {
				return c.env
			}
			return ""
		}
		opts := []Option{withGetenv(env), WithRulesInterval(time.Hour)}
		if c.opt != "" {
			opts = append(opts, WithEndpoint(c.opt))
		}
		s, err := New(opts...)
		if c.want == "" {
			if err == nil {
				t.Errorf("%q/%q: no error", c.opt, c.env)
				shutdown(t, s)
			}
			continue
		}
		if err != nil {
			t.Errorf("%q/%q: %v", c.opt, c.env, err)
			continue
		}
		if s.proxy.base != c.want {
			t.Errorf("%q/%q: endpoint %s, want %s", c.opt, c.env, s.proxy.base, c.want)
		}
		shutdown(t, s)
	}
}
