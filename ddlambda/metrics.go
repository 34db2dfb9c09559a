package ddlambda

import (
	"context"

	"github.com/otelxray/otelxray/internal/dogstatsd"
)

// metricsKey holds an invocation's *invocationMetrics in the handler's
// context.
type metricsKey struct{}

// Distribution adds a distribution point to the invocation's metrics, sent
// over DogStatsD when the invocation ends (with [Metrics], or the setup
// that includes it). ctx is the handler's context, or one derived from
// it; with any other, or without [Metrics], it does nothing. Tags are
// "key:value" or "key"; values are rid of credentials, and characters
// DogStatsD cannot carry ('|', ',', '#', spaces, control characters)
// become '_'. A name must start with a letter; other characters than
// letters, digits, '_' and '.' become '_'. A NaN or infinite value, a bad
// name, or a metric beyond the buffer's bound is dropped and counted.
func Distribution(ctx context.Context, name string, value float64, tags ...string) {
	add(ctx, dogstatsd.Distribution, name, value, tags)
}

// Gauge is [Distribution] for a gauge: the last value sent in a 10-second
// interval is the one Datadog keeps.
func Gauge(ctx context.Context, name string, value float64, tags ...string) {
	add(ctx, dogstatsd.Gauge, name, value, tags)
}

// Count is [Distribution] for a count: Datadog adds up the values sent in
// each interval.
func Count(ctx context.Context, name string, value float64, tags ...string) {
	add(ctx, dogstatsd.Count, name, value, tags)
}

func add(ctx context.Context, typ dogstatsd.Type, name string, value float64, tags []string) {
	if ctx == nil {
		return
	}
	im, _ := ctx.Value(metricsKey{}).(*invocationMetrics)
	if im == nil {
		return
	}
	_ = im.buf.Add(dogstatsd.Metric{Name: name, Value: value, Type: typ, Tags: tags}) // counted in Stats
}
