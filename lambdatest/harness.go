package lambdatest

import (
	"net"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/xraylocal"
)

// Defaults of the function's settings.
const (
	// DefaultFunctionName is the function's name unless WithFunctionName.
	DefaultFunctionName = "test-function"
	// DefaultRegion and DefaultAccount make the function's ARN.
	DefaultRegion  = "us-east-1"
	DefaultAccount = "123456789012"
	// DefaultTimeout is each invocation's deadline unless WithTimeout.
	DefaultTimeout = 30 * time.Second
)

// Option configures a Harness.
type Option func(*config)

type config struct {
	name        string
	timeout     time.Duration
	noSetenv    bool
	noDatadog   bool
	xrayOptions []xraylocal.Option
}

// WithFunctionName names the function (AWS_LAMBDA_FUNCTION_NAME, its ARN
// and its segment); the default is [DefaultFunctionName].
func WithFunctionName(name string) Option { return func(c *config) { c.name = name } }

// WithTimeout sets each invocation's deadline, counted from when it starts;
// the default is [DefaultTimeout].
func WithTimeout(d time.Duration) Option { return func(c *config) { c.timeout = d } }

// WithoutSetenv leaves the environment alone: the function's variables are
// in [Harness.Env], for a program that configures its exporters
// explicitly or runs the function in another process. [Harness.Start]
// still sets AWS_LAMBDA_RUNTIME_API, which aws-lambda-go reads from the
// environment.
func WithoutSetenv() Option { return func(c *config) { c.noSetenv = true } }

// WithoutDatadog starts no Datadog agent stand-in, and sets no DD_*
// variables.
func WithoutDatadog() Option { return func(c *config) { c.noDatadog = true } }

// WithXRayOptions passes options to the embedded xraylocal (its UDP
// address is the harness's own and cannot be changed).
func WithXRayOptions(opts ...xraylocal.Option) Option {
	return func(c *config) { c.xrayOptions = append(c.xrayOptions, opts...) }
}

// Harness is one function's test environment: an embedded xraylocal behind
// a UDP socket of its own, a Datadog agent stand-in (ddlocal), and the
// variables Lambda sets. Everything is closed when the test ends. A harness
// runs one invocation at a time.
type Harness struct {
	t     TB
	cfg   config
	xray  *xraylocal.Server
	dd    *ddlocal.Server
	relay *relay // the X-Ray daemon's socket
	stats *relay // DogStatsD's socket; nil WithoutDatadog
	env   []string

	mu sync.Mutex // one invocation at a time
}

// New starts a harness for t: xraylocal on a free UDP port, the Datadog
// stand-in on free ports, and (unless WithoutSetenv) the variables with
// t.Setenv, so build the handler (lambdatrace.Wrap reads them) after New.
// Because t.Setenv is used, tests with a harness cannot be parallel unless
// WithoutSetenv.
func New(t TB, opts ...Option) *Harness {
	t.Helper()
	c := config{name: DefaultFunctionName, timeout: DefaultTimeout}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.timeout <= 0 {
		c.timeout = DefaultTimeout
	}
	h := &Harness{t: t, cfg: c}
	// The UDP address given is never listened on: the relay owns the
	// socket, and hands xraylocal each datagram.
	xo := append(append([]xraylocal.Option(nil), c.xrayOptions...), xraylocal.WithUDPAddr("127.0.0.1:0"))
	var err error
	if h.xray, err = xraylocal.Start(xo...); err != nil {
		t.Fatalf("lambdatest: starting xraylocal: %v", err)
	}
	t.Cleanup(func() { _ = h.xray.Close() })
	if h.relay, err = startRelay(h.xray.Receive); err != nil {
		t.Fatalf("lambdatest: %v", err)
	}
	t.Cleanup(h.relay.close)
	if !c.noDatadog {
		// DogStatsD goes through a relay, as X-Ray does, to know when the
		// function's metrics have arrived.
		if h.dd, err = ddlocal.Start(ddlocal.WithoutStatsd()); err != nil {
			t.Fatalf("lambdatest: starting the Datadog stand-in: %v", err)
		}
		t.Cleanup(func() { _ = h.dd.Close() })
		if h.stats, err = startRelay(h.dd.ReceiveMetrics); err != nil {
			t.Fatalf("lambdatest: DogStatsD: %v", err)
		}
		t.Cleanup(h.stats.close)
	}
	h.env = h.makeEnv()
	if !c.noSetenv {
		for _, kv := range h.env {
			k, v, _ := strings.Cut(kv, "=")
			t.Setenv(k, v)
		}
		// aws-lambda-go's loop sets it at every invocation: restored at the end.
		t.Setenv("_X_AMZN_TRACE_ID", os.Getenv("_X_AMZN_TRACE_ID"))
	}
	return h
}

func (h *Harness) makeEnv() []string {
	env := []string{
		"AWS_XRAY_DAEMON_ADDRESS=" + h.relay.addr(),
		"AWS_LAMBDA_FUNCTION_NAME=" + h.cfg.name,
		"AWS_LAMBDA_FUNCTION_VERSION=$LATEST",
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE=128",
		"AWS_LAMBDA_LOG_GROUP_NAME=/aws/lambda/" + h.cfg.name,
		"AWS_LAMBDA_LOG_STREAM_NAME=2026/01/01/[$LATEST]0123456789abcdef0123456789abcdef",
		"AWS_REGION=" + DefaultRegion,
		"AWS_DEFAULT_REGION=" + DefaultRegion,
		"AWS_EXECUTION_ENV=AWS_Lambda_provided.al2023",
		"AWS_LAMBDA_RUNTIME_API=", // set by Start
	}
	if h.dd != nil {
		host, port, _ := net.SplitHostPort(h.stats.addr())
		env = append(env, "DD_TRACE_AGENT_URL="+h.dd.URL(), "DD_DOGSTATSD_URL=udp://"+h.stats.addr(),
			"DD_AGENT_HOST="+host, "DD_DOGSTATSD_PORT="+port)
	}
	return env
}

// Env returns the variables the function runs with, as NAME=value: those
// Lambda sets (AWS_LAMBDA_FUNCTION_NAME, AWS_REGION, ...),
// AWS_XRAY_DAEMON_ADDRESS pointing at xraylocal and, unless WithoutDatadog,
// DD_TRACE_AGENT_URL, DD_DOGSTATSD_URL, DD_AGENT_HOST and DD_DOGSTATSD_PORT
// pointing at the Datadog stand-in.
func (h *Harness) Env() []string { return append([]string(nil), h.env...) }

// XRay returns the embedded xraylocal, for checks this package has no call
// for (the service map, the problems list).
func (h *Harness) XRay() *xraylocal.Server { return h.xray }

// Datadog returns the Datadog stand-in, nil WithoutDatadog.
func (h *Harness) Datadog() *ddlocal.Server { return h.dd }

// DaemonAddr is the value of AWS_XRAY_DAEMON_ADDRESS, for an exporter
// configured explicitly (xrayudp.WithEndpoint).
func (h *Harness) DaemonAddr() string { return h.relay.addr() }

// FunctionARN is the invoked function's ARN.
func (h *Harness) FunctionARN() string {
	return "arn:aws:lambda:" + DefaultRegion + ":" + DefaultAccount + ":function:" + h.cfg.name
}

// localAddr is a loopback UDP address for the relay.
var localAddr = &net.UDPAddr{IP: net.IPv4(127, 0, 0, 1)}

// TB is the part of testing.TB the harness and its checks use; *testing.T
// and *testing.B have it.
type TB interface {
	Helper()
	Errorf(format string, args ...any)
	Fatalf(format string, args ...any)
	Cleanup(func())
	Setenv(key, value string)
}
