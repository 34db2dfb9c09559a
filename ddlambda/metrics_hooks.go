package ddlambda

import (
	"context"
	"errors"
	"sync"
	"sync/atomic"

	"github.com/aws/aws-lambda-go/lambdacontext"

	"github.com/otelxray/otelxray/internal/dogstatsd"
	"github.com/otelxray/otelxray/lambdatrace"
)

// metricsConfig is what the metrics hooks need; metricsConfigFromEnv
// fills it from DD_* and Lambda's variables, and options may change it.
type metricsConfig struct {
	// addr is DogStatsD's host:port.
	addr string
	// enhanced sends aws.lambda.enhanced.invocations, .errors and
	// .timeouts, unless extension is set.
	enhanced bool
	// extension: the Datadog Lambda Extension is installed. It emits the
	// enhanced metrics itself (and adds the function's tags, env, service,
	// version and DD_TAGS to every metric), so no enhanced metric is sent.
	extension bool
	// tags go on every metric.
	tags []string
	// function describes the function, for the enhanced metrics' tags.
	function functionInfo
	// maxBuffered bounds each invocation's buffer (0: the default).
	maxBuffered int
}

// metrics sends one wrapped handler's metrics.
type metrics struct {
	client   *dogstatsd.Client
	enhanced bool
	fn       functionInfo
	warm     atomic.Bool // set at the first invocation
	mu       sync.Mutex
	arn      string      // the invoked ARN the tags below are for
	fnTags   [2][]string // the enhanced metrics' tags, warm and cold
}

// invocationMetrics is one invocation's buffer, in the handler's context.
type invocationMetrics struct {
	buf  *dogstatsd.Buffer
	tags []string // the enhanced metrics' tags, cold_start included
}

// Enhanced metric names.
const (
	enhancedInvocations = "aws.lambda.enhanced.invocations"
	enhancedErrors      = "aws.lambda.enhanced.errors"
	enhancedTimeouts    = "aws.lambda.enhanced.timeouts"
)

// metricsHooks returns the hooks that give every invocation a metrics
// buffer (found by Distribution, Gauge and Count in the handler's
// context), add the enhanced metrics, and flush the buffer at the
// invocation's end, before the handler returns.
func metricsHooks(c metricsConfig) (lambdatrace.Hooks, error) {
	m, err := newMetrics(c)
	if err != nil {
		return lambdatrace.Hooks{}, err
	}
	return m.hooks(), nil
}

func newMetrics(c metricsConfig) (*metrics, error) {
	cl, err := dogstatsd.New(c.addr, dogstatsd.Options{Tags: c.tags, MaxBuffered: c.maxBuffered})
	if err != nil {
		return nil, err
	}
	return &metrics{client: cl, enhanced: c.enhanced && !c.extension, fn: c.function}, nil
}

// stats counts what was sent and dropped (for Enable to report).
func (m *metrics) stats() dogstatsd.Stats { return m.client.Stats() }

func (m *metrics) hooks() lambdatrace.Hooks {
	return lambdatrace.Hooks{Context: m.start, End: m.end}
}

func (m *metrics) start(ctx context.Context, _ lambdatrace.InvocationStart) context.Context {
	im := &invocationMetrics{buf: m.client.Buffer()}
	cold := !m.warm.Swap(true)
	if m.enhanced {
		im.tags = m.tagsFor(ctx, cold)
		m.emit(im, enhancedInvocations)
	}
	return context.WithValue(ctx, metricsKey{}, im)
}

func (m *metrics) end(ctx context.Context, inv lambdatrace.InvocationEnd) {
	im, _ := ctx.Value(metricsKey{}).(*invocationMetrics)
	if im == nil {
		return
	}
	if m.enhanced && (inv.Err != nil || inv.Panic != nil) {
		m.emit(im, enhancedErrors)
		if errors.Is(inv.Err, lambdatrace.ErrTimeout) {
			m.emit(im, enhancedTimeouts)
		}
	}
	_ = im.buf.Flush(ctx) // failures are counted in the client's Stats
}

func (m *metrics) emit(im *invocationMetrics, name string) {
	_ = im.buf.Add(dogstatsd.Metric{Name: name, Value: 1, Type: dogstatsd.Distribution, Tags: im.tags})
}

// tagsFor returns the enhanced metrics' tags for the invoked ARN in ctx,
// built once per ARN.
func (m *metrics) tagsFor(ctx context.Context, cold bool) []string {
	arn := ""
	if lc, ok := lambdacontext.FromContext(ctx); ok {
		arn = lc.InvokedFunctionArn
	}
	i := 0
	if cold {
		i = 1
	}
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.fnTags[0] == nil || arn != m.arn {
		base := m.fn.tags(arn)
		m.arn = arn
		m.fnTags[0] = append(base[:len(base):len(base)], "cold_start:false")
		m.fnTags[1] = append(base[:len(base):len(base)], "cold_start:true")
	}
	return m.fnTags[i]
}
