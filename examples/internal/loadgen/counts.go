package loadgen

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/lambdatrace"
)

// Counts is what a demo function's process counts for the load report:
// the Datadog exporter it gives ddlambda.Enable (nil without Datadog), and,
// as an extra lambdatrace exporter (lambdatrace.WithSpanExporter), the spans
// only Datadog is sent (ddlambda's inferred and cold-start spans), which
// X-Ray's exporter leaves out.
type Counts struct {
	dd          *datadog.Exporter
	datadogOnly atomic.Uint64
}

// NewCounts counts for a process whose Datadog exporter is dd (or nil).
func NewCounts(dd *datadog.Exporter) *Counts { return &Counts{dd: dd} }

// ExportSpans counts the spans only Datadog is sent.
func (c *Counts) ExportSpans(_ context.Context, spans []sdktrace.ReadOnlySpan) error {
	for _, s := range spans {
		if s.InstrumentationScope().Name == ddtrace.OnlyScope {
			c.datadogOnly.Add(1)
		}
	}
	return nil
}

// Shutdown does nothing.
func (c *Counts) Shutdown(context.Context) error { return nil }

// countFields is how many numbers a counts file holds.
const countFields = 10

// Write writes the process's span counts to path ("" writes nothing), one
// line: exported, dropped (lambdatrace.QueueStats), Datadog-only, and the
// Datadog exporter's spans, sent, and dropped by reason.
func (c *Counts) Write(path string) {
	if path == "" {
		return
	}
	st := lambdatrace.QueueStats()
	var d datadog.Stats
	if c.dd != nil {
		d = c.dd.Stats()
	}
	_ = os.WriteFile(path, fmt.Appendf(nil, "%d %d %d %d %d %d %d %d %d %d\n", st.Exported, st.Dropped, c.datadogOnly.Load(),
		d.Spans, d.Sent, d.Dropped.Unsampled, d.Dropped.Replaced, d.Dropped.Unreachable, d.Dropped.Rejected, d.Dropped.Shutdown), 0o600)
}

// Counted writes c to path after each invocation of h, once the wrapper
// inside it has flushed.
func Counted[In, Out any](c *Counts, path string, h func(context.Context, In) (Out, error)) func(context.Context, In) (Out, error) {
	return func(ctx context.Context, in In) (Out, error) {
		out, err := h(ctx, in)
		c.Write(path)
		return out, err
	}
}

// CountedNoOutput is Counted for a handler without a response.
func CountedNoOutput[In any](c *Counts, path string, h func(context.Context, In) error) func(context.Context, In) error {
	return func(ctx context.Context, in In) error {
		err := h(ctx, in)
		c.Write(path)
		return err
	}
}

// SumCounts adds the functions' counts (Counts.Write, the files named in
// dir) to m: what their exporters took and lost, the part only Datadog is
// sent, and the Datadog side with what the stand-in received (agent).
func SumCounts(dir string, names []string, agent ddlocal.Stats, m *Measure) {
	var n [countFields]uint64
	for _, name := range names {
		b, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			continue
		}
		f := strings.Fields(string(b))
		if len(f) != len(n) {
			continue
		}
		for i := range n {
			v, _ := strconv.ParseUint(f[i], 10, 64)
			n[i] += v
		}
	}
	m.Exported, m.ExporterDropped, m.DatadogOnly = n[0], n[1], n[2]
	m.Datadog = &DatadogMeasure{Produced: n[3], Sent: n[4], Agent: agent,
		Dropped: datadog.Drops{Unsampled: n[5], Replaced: n[6], Unreachable: n[7], Rejected: n[8], Shutdown: n[9]}}
}
