package datadog

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"runtime"
	"strconv"
	"strings"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/exporter/datadog/internal/payload"
	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/scrub"
)

var _ sdktrace.SpanExporter = (*Exporter)(nil)

// tracerVersion is sent as Datadog-Meta-Tracer-Version.
const tracerVersion = "otelxray"

// Exporter sends spans to a Datadog Agent or Lambda Extension. It is safe
// for concurrent use. Create one with [New].
type Exporter struct {
	cfg     config
	url     string
	shown   string // url without credentials, for error messages
	client  *http.Client
	stats   counters
	closed  atomic.Bool
	adopted adoptions
}

// New returns an exporter for the agent at WithAgentURL, else
// DD_TRACE_AGENT_URL, else DD_AGENT_HOST:DD_TRACE_AGENT_PORT, else
// 127.0.0.1:8126. It sends nothing until spans are exported.
func New(opts ...Option) (*Exporter, error) {
	cfg := newConfig(opts)
	u, err := tracesURL(cfg.url)
	if err != nil {
		return nil, err
	}
	client := cfg.client
	if client == nil {
		client = &http.Client{Timeout: cfg.timeout}
	}
	return &Exporter{cfg: cfg, url: u, shown: scrub.Redact(u), client: client}, nil
}

// URL returns the traces endpoint the exporter sends to.
func (e *Exporter) URL() string { return e.url }

// Stats returns the exporter's counters.
func (e *Exporter) Stats() Stats { return e.stats.snapshot() }

// ExportSpans maps the spans, groups them by trace, and sends one v0.4
// payload. It waits at most the configured timeout (or ctx); a failure is
// returned once and its spans are counted as dropped.
func (e *Exporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	e.stats.spans.Add(uint64(len(spans)))
	if e.closed.Load() {
		e.stats.closed.Add(uint64(len(spans)))
		return nil
	}
	traces, n := e.group(spans)
	if n == 0 {
		return nil
	}
	return e.send(ctx, traces, n)
}

// group maps the spans to be sent and groups them by trace; n counts them.
func (e *Exporter) group(spans []sdktrace.ReadOnlySpan) (traces [][]payload.Span, n int) {
	index := map[uint64]int{}
	var above map[uint64]uint64 // spans named by ddtrace.ChildKey -> the span naming them
	var to map[uint64]uint64    // a function's X-Ray segment -> the event context it is replaced by
	for _, s := range spans {
		sc := s.SpanContext()
		if !sc.IsSampled() {
			e.stats.unsampled.Add(1)
			continue
		}
		// The X-Ray merge subsegment is for X-Ray only; an invocation span
		// the Lambda Extension sends itself is left out (see ddlambda).
		if s.Name() == ddtrace.MergeSubsegmentName || ddtrace.Replaced(e, ddtrace.SpanID(sc.SpanID())) {
			e.stats.replaced.Add(1)
			continue
		}
		d := payload.Convert(s, e.cfg.service, e.cfg.env, e.cfg.version)
		if d.HeaderParent != 0 {
			if to == nil {
				to = map[uint64]uint64{}
			}
			to[d.HeaderParent] = d.ParentID
		}
		if child, ok := takeChild(&d); ok {
			if d.ParentID == child {
				d.ParentID = 0 // no upstream: see adopt
			}
			if above == nil {
				above = map[uint64]uint64{}
			}
			above[child] = d.SpanID
		}
		e.decorate(&d)
		i, ok := index[d.TraceID]
		if !ok {
			i = len(traces)
			index[d.TraceID] = i
			traces = append(traces, nil)
		}
		traces[i] = append(traces[i], d)
		n++
	}
	e.adopt(traces, above)
	hangFromEvent(traces, to)
	return traces, n
}

// hangFromEvent moves the spans under a function's X-Ray segment (which
// Datadog never gets: the inferred spans ddlambda starts there) to the
// event's context the invocation span hangs from (to: segment -> event
// context, from payload.Span's HeaderParent), within one export.
func hangFromEvent(traces [][]payload.Span, to map[uint64]uint64) {
	if len(to) == 0 {
		return
	}
	for i := range traces {
		for j := range traces[i] {
			d := &traces[i][j]
			if p, ok := to[d.ParentID]; ok && p != d.SpanID {
				d.ParentID = p
			}
		}
	}
}

// send puts one payload of n spans to the agent and counts the outcome.
func (e *Exporter) send(ctx context.Context, traces [][]payload.Span, n int) error {
	body := payload.Append(nil, traces)
	// The deadline holds whatever client is used (WithHTTPClient may have none).
	ctx, cancel := context.WithTimeout(ctx, e.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, e.url, bytes.NewReader(body))
	if err != nil {
		e.stats.unreachable.Add(uint64(n))
		return fmt.Errorf("datadog: building the request to %s: %w", e.shown, err)
	}
	h := req.Header
	h.Set("Content-Type", "application/msgpack")
	h.Set("Datadog-Meta-Lang", "go")
	h.Set("Datadog-Meta-Lang-Version", strings.TrimPrefix(runtime.Version(), "go"))
	h.Set("Datadog-Meta-Tracer-Version", tracerVersion)
	h.Set("X-Datadog-Trace-Count", strconv.Itoa(len(traces)))
	resp, err := e.client.Do(req)
	if err != nil {
		e.stats.unreachable.Add(uint64(n))
		return fmt.Errorf("datadog: %d spans not sent to %s: %w (is the Datadog Agent or Lambda Extension running? set %s)", n, e.shown, err, EnvAgentURL)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		e.stats.rejected.Add(uint64(n))
		return fmt.Errorf("datadog: the agent at %s rejected %d spans: %s", e.shown, n, resp.Status)
	}
	e.stats.sent.Add(uint64(n))
	e.stats.payloads.Add(1)
	e.stats.bytes.Add(uint64(len(body)))
	return nil
}

// Shutdown stops the exporter; it is idempotent.
func (e *Exporter) Shutdown(ctx context.Context) error {
	e.closed.Store(true)
	return nil
}
