package xraysampler

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/otelxray/otelxray/internal/daemonaddr"
	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/internal/samplingrules"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// Sampler is X-Ray's centralized sampling as an OpenTelemetry sampler.
// Create it with [New], pass it to sdktrace.WithSampler, and call
// [Sampler.Shutdown] when done. It is safe for concurrent use; ShouldSample
// never waits on the network.
type Sampler struct {
	cfg      config
	svc      service
	proxy    *proxy
	clientID string
	decide   sdktrace.Sampler // parent-based around raw, or raw

	remote   atomic.Pointer[manifest] // nil until rules arrive
	fallback *manifest

	cancel       context.CancelFunc
	done         chan struct{}
	shutdownOnce sync.Once
	lastErr      atomic.Pointer[error]
}

// New returns the sampler and starts polling the proxy in the background
// (unless [WithoutCentralized]). Until the first rules arrive, and when
// none could be fetched for an hour, the local rules decide: the first
// request each second and 5% of the others, or [WithRulesFile]'s. It fails
// In AWS Lambda (AWS_LAMBDA_FUNCTION_NAME set) it polls nothing: Lambda
// decides, and the parent-based sampler keeps its decision. It fails
// only on a bad option: an endpoint that is not host:port, or a rules file
// that cannot be read.
func New(opts ...Option) (*Sampler, error) {
	cfg := newConfig(opts)
	s := &Sampler{cfg: cfg, svc: serviceOf(cfg.res), done: make(chan struct{})}
	local := []samplingrules.Rule{samplingrules.Default()}
	if cfg.rulesFile != "" {
		b, err := os.ReadFile(cfg.rulesFile)
		if err != nil {
			return nil, fmt.Errorf("xraysampler: rules file: %w", err)
		}
		l, err := samplingrules.ParseLocal(b)
		if err != nil {
			return nil, fmt.Errorf("xraysampler: %s: %w", cfg.rulesFile, err)
		}
		local = l.AsRules()
	}
	s.fallback = newManifest(local, nil, localState, time.Time{})
	raw := sdktrace.Sampler(rawSampler{s})
	if !cfg.raw {
		raw = sdktrace.ParentBased(raw)
	}
	s.decide = raw
	if cfg.localOnly || lambdaenv.In(cfg.getenv) {
		close(s.done)
		return s, nil
	}
	hp, err := s.endpoint()
	if err != nil {
		return nil, err
	}
	s.proxy = &proxy{base: "http://" + hp, client: cfg.client}
	var id [12]byte
	_, _ = rand.Read(id[:])
	s.clientID = hex.EncodeToString(id[:])
	ctx, cancel := context.WithCancel(context.Background())
	s.cancel = cancel
	go s.poll(ctx)
	return s, nil
}

func (s *Sampler) endpoint() (string, error) {
	addr, from := s.cfg.endpoint, s.cfg.endpointFrom
	if addr == "" {
		addr, from = s.cfg.getenv(EnvDaemonAddress), EnvDaemonAddress
	}
	if addr == "" {
		return DefaultEndpoint, nil
	}
	hp, err := daemonaddr.TCP(addr)
	if err != nil {
		return "", fmt.Errorf("xraysampler: invalid sampling proxy address (from %s) %w", from, err)
	}
	return hp, nil
}

// ShouldSample decides for one span: parent-based by default, see
// [WithoutParentBased].
func (s *Sampler) ShouldSample(p sdktrace.SamplingParameters) sdktrace.SamplingResult {
	return s.decide.ShouldSample(p)
}

// Description names the sampler, as OpenTelemetry's samplers do.
func (s *Sampler) Description() string { return s.decide.Description() }

// Shutdown stops polling and waits for the poller to end, or for ctx.
// Decisions go on from the rules last had. It is safe to call twice.
func (s *Sampler) Shutdown(ctx context.Context) error {
	s.shutdownOnce.Do(func() {
		if s.cancel != nil {
			s.cancel()
		}
	})
	select {
	case <-s.done:
		if s.cfg.ownClient {
			s.cfg.client.CloseIdleConnections()
		}
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Err returns the last error polling the proxy met, or nil once a poll
// succeeded again.
func (s *Sampler) Err() error {
	if e := s.lastErr.Load(); e != nil {
		return *e
	}
	return nil
}

// rawSampler is the X-Ray decision itself, for every span.
type rawSampler struct{ s *Sampler }

func (r rawSampler) ShouldSample(p sdktrace.SamplingParameters) sdktrace.SamplingResult {
	s := r.s
	now := s.cfg.now()
	q := newRequest(&s.svc, p.Attributes)
	var ru *rule
	if m := s.remote.Load(); m != nil && now.Sub(m.fetched) < manifestTTL {
		ru = m.match(&q)
	}
	if ru == nil {
		ru = s.fallback.match(&q)
	}
	res := sdktrace.SamplingResult{Decision: sdktrace.Drop,
		Tracestate: trace.SpanContextFromContext(p.ParentContext).TraceState()}
	if ru != nil && ru.st.sample(now, s.cfg.rand) {
		res.Decision = sdktrace.RecordAndSample
		if !s.cfg.noRuleAttr {
			res.Attributes = ru.attrs
		}
	}
	return res
}

func (r rawSampler) Description() string { return "XRayCentralizedSampler" }
