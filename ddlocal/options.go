package ddlocal

// Defaults of the limits.
const (
	// DefaultMaxSpans is how many spans are kept; later ones are counted
	// in Stats.DroppedSpans.
	DefaultMaxSpans = 100_000
	// DefaultMaxMetrics is how many metric values are kept; later ones are
	// counted in Stats.DroppedMetrics.
	DefaultMaxMetrics = 100_000
	// MaxPayload is the largest trace payload accepted, the Datadog
	// Agent's own limit (25 MiB); a larger one is answered 413.
	MaxPayload = 25 << 20
)

// Option configures a Server.
type Option func(*config)

type config struct {
	traceAddr, statsdAddr string
	noStatsd              bool
	maxSpans, maxMetrics  int
}

// WithTraceAddr sets the trace intake's TCP address; the default is
// 127.0.0.1:0, a free port (see [Server.URL]). The agent's own is
// 127.0.0.1:8126.
func WithTraceAddr(addr string) Option { return func(c *config) { c.traceAddr = addr } }

// WithStatsdAddr sets DogStatsD's UDP address; the default is
// 127.0.0.1:0, a free port (see [Server.StatsdAddr]). The agent's own is
// 127.0.0.1:8125.
func WithStatsdAddr(addr string) Option { return func(c *config) { c.statsdAddr = addr } }

// WithoutStatsd serves the trace intake only.
func WithoutStatsd() Option { return func(c *config) { c.noStatsd = true } }

// WithMaxSpans sets how many spans are kept (default [DefaultMaxSpans]).
func WithMaxSpans(n int) Option { return func(c *config) { c.maxSpans = n } }

// WithMaxMetrics sets how many metric values are kept (default
// [DefaultMaxMetrics]).
func WithMaxMetrics(n int) Option { return func(c *config) { c.maxMetrics = n } }

func newConfig(opts []Option) config {
	c := config{traceAddr: "127.0.0.1:0", statsdAddr: "127.0.0.1:0", maxSpans: DefaultMaxSpans, maxMetrics: DefaultMaxMetrics}
	for _, o := range opts {
		if o != nil {
			o(&c)
		}
	}
	if c.maxSpans <= 0 {
		c.maxSpans = DefaultMaxSpans
	}
	if c.maxMetrics <= 0 {
		c.maxMetrics = DefaultMaxMetrics
	}
	return c
}
