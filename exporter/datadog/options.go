package datadog

import (
	"net/http"
	"os"
	"time"

	"github.com/otelxray/otelxray/internal/lambdaenv"
)

// Option configures an Exporter.
type Option func(*config)

type config struct {
	url, service, env, version string
	timeout                    time.Duration
	client                     *http.Client
	getenv                     func(string) string
	tags                       map[string]string // WithTags, DD_TAGS
	runtime                    string            // in Lambda, for the function span
}

// The default bounds of one request to the agent (WithTimeout overrides
// them).
const (
	// DefaultTimeout bounds one request to the agent.
	DefaultTimeout = 2 * time.Second
	// DefaultLambdaTimeout replaces DefaultTimeout in AWS Lambda
	// (AWS_LAMBDA_FUNCTION_NAME set): the extension is local and a
	// handler must not wait.
	DefaultLambdaTimeout = 300 * time.Millisecond
)

// WithAgentURL sets the agent's base URL (http://host:port), overriding
// DD_TRACE_AGENT_URL, DD_AGENT_HOST and DD_TRACE_AGENT_PORT.
func WithAgentURL(u string) Option { return func(c *config) { c.url = u } }

// WithService sets the service name, overriding DD_SERVICE and the
// resource's service.name.
func WithService(s string) Option { return func(c *config) { c.service = s } }

// WithEnv sets the env tag, overriding DD_ENV.
func WithEnv(e string) Option { return func(c *config) { c.env = e } }

// WithVersion sets the version tag, overriding DD_VERSION.
func WithVersion(v string) Option { return func(c *config) { c.version = v } }

// WithTimeout bounds each request to the agent (default 2 s, 300 ms in Lambda).
func WithTimeout(d time.Duration) Option {
	return func(c *config) {
		if d > 0 {
			c.timeout = d
		}
	}
}

// WithHTTPClient replaces the HTTP client. The exporter's timeout still
// bounds every request.
func WithHTTPClient(hc *http.Client) Option { return func(c *config) { c.client = hc } }

func newConfig(opts []Option) config {
	c := config{getenv: os.Getenv}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	c.fromEnv()
	c.spanTags()
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
		if lambdaenv.In(c.getenv) {
			c.timeout = DefaultLambdaTimeout
		}
	}
	return c
}
