package xraysampler

import (
	"math/rand/v2"
	"net/http"
	"os"
	"time"

	"go.opentelemetry.io/otel/sdk/resource"
)

// Defaults of the endpoint and timings, as the X-Ray SDKs have them.
const (
	// DefaultEndpoint is the daemon's sampling proxy (TCP) when neither
	// WithEndpoint nor AWS_XRAY_DAEMON_ADDRESS says otherwise.
	DefaultEndpoint = "127.0.0.1:2000"
	// DefaultRulesInterval is how often the rules are fetched; up to
	// 5 seconds of jitter are added each time.
	DefaultRulesInterval = 5 * time.Minute
	// DefaultTargetsInterval is how often the statistics are reported and
	// the targets fetched; up to 100 ms of jitter are added each time.
	DefaultTargetsInterval = 10 * time.Second
	// DefaultRequestTimeout bounds each request to the proxy, whatever
	// the HTTP client's own timeout.
	DefaultRequestTimeout = 5 * time.Second
	// EnvDaemonAddress is read for the endpoint: its tcp: part, or its one
	// host:port (the daemon serves both protocols on one port).
	EnvDaemonAddress = "AWS_XRAY_DAEMON_ADDRESS"
)

// Option configures a Sampler.
type Option func(*config)

type config struct {
	endpoint        string
	endpointFrom    string
	rulesInterval   time.Duration
	targetsInterval time.Duration
	rulesFile       string
	client          *http.Client
	ownClient       bool // the client is the sampler's, to close
	res             *resource.Resource
	raw             bool
	localOnly       bool
	noRuleAttr      bool
	getenv          func(string) string
	now             func() time.Time
	rand            func() float64
}

func newConfig(opts []Option) config {
	c := config{rulesInterval: DefaultRulesInterval, targetsInterval: DefaultTargetsInterval}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.getenv == nil {
		c.getenv = os.Getenv
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.rand == nil {
		c.rand = rand.Float64
	}
	if c.client == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		c.client, c.ownClient = &http.Client{Timeout: DefaultRequestTimeout, Transport: tr}, true
	}
	if c.res == nil {
		c.res = resource.Default()
	}
	return c
}

// WithEndpoint sets the sampling proxy's TCP address, host:port or either
// form of AWS_XRAY_DAEMON_ADDRESS, overriding that variable. The default
// is AWS_XRAY_DAEMON_ADDRESS's tcp: part, else [DefaultEndpoint].
func WithEndpoint(addr string) Option {
	return func(c *config) { c.endpoint, c.endpointFrom = addr, "WithEndpoint" }
}

// WithRulesInterval sets how often the rules are fetched (default
// [DefaultRulesInterval]); up to 5 seconds of jitter are added. Values
// under a second are raised to a second.
func WithRulesInterval(d time.Duration) Option {
	return func(c *config) { c.rulesInterval = max(d, time.Second) }
}

// WithTargetsInterval sets how often statistics are reported and targets
// fetched (default [DefaultTargetsInterval]); up to 100 ms of jitter are
// added. A rule reports no more often than the interval X-Ray gave it.
// Values under a second are raised to a second.
func WithTargetsInterval(d time.Duration) Option {
	return func(c *config) { c.targetsInterval = max(d, time.Second) }
}

// WithRulesFile reads the X-Ray SDKs' local rules file (version 2, or 1):
//
//	{"version": 2,
//	 "rules": [{"description": "health checks", "host": "*", "http_method": "GET",
//	            "url_path": "/health", "fixed_target": 0, "rate": 0}],
//	 "default": {"fixed_target": 1, "rate": 0.05}}
//
// Its rules, in file order, replace the built-in fallback (1 per second and
// 5%) used until the proxy's rules arrive and while they cannot be had.
// With [WithoutCentralized] they are the only rules.
func WithRulesFile(path string) Option {
	return func(c *config) { c.rulesFile = path }
}

// WithHTTPClient sets the client for the proxy's requests. Each request is
// bounded by [DefaultRequestTimeout] all the same.
func WithHTTPClient(client *http.Client) Option {
	return func(c *config) { c.client = client }
}

// WithResource gives the resource of the TracerProvider the sampler is
// used in, whose service.name, cloud.platform (the service type, as the
// origin X-Ray shows) and cloud.resource_id (the resource ARN) rules
// match. The default is resource.Default().
func WithResource(res *resource.Resource) Option {
	return func(c *config) { c.res = res }
}

// WithoutParentBased returns the raw X-Ray sampler, which decides for
// every span, its parent's decision notwithstanding. By default the
// sampler follows a parent's decision and decides for root spans only.
func WithoutParentBased() Option {
	return func(c *config) { c.raw = true }
}

// WithoutCentralized samples by the local rules alone (WithRulesFile's,
// else 1 per second and 5%): no requests to the proxy, no goroutine.
func WithoutCentralized() Option {
	return func(c *config) { c.localOnly = true }
}

// WithoutRuleAttribute leaves out the attribute naming the rule that
// sampled a span ([metadata.SamplingRuleKey], aws.xray.sampling_rule). By
// default the sampler sets it on every span it samples by its own decision
// (root spans, when parent-based; never when a parent decided), so that a
// segment's metadata, and xraylocal, tell which rule let the trace through.
// It is on by default because it is what one asks first when tuning rules
// and costs next to nothing: one attribute built per rule when the rules
// arrive (ShouldSample still allocates nothing) and a few dozen bytes of
// metadata per sampled root segment, no annotation.
func WithoutRuleAttribute() Option {
	return func(c *config) { c.noRuleAttr = true }
}

// withGetenv replaces os.Getenv, for tests.
func withGetenv(f func(string) string) Option { return func(c *config) { c.getenv = f } }

// withClock replaces time.Now, for tests.
func withClock(now func() time.Time) Option { return func(c *config) { c.now = now } }

// withRand replaces the random numbers of the fixed rate, for tests.
func withRand(f func() float64) Option { return func(c *config) { c.rand = f } }
