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
	"sync"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

var _ sdktrace.SpanExporter = (*Exporter)(nil)

// TracerVersion is sent as Datadog-Meta-Tracer-Version.
const TracerVersion = "otelxray"

// maxReplaced bounds the span IDs remembered for the Lambda Extension.
const maxReplaced = 1024

// Exporter sends spans to a Datadog Agent or Lambda Extension. It is safe
// for concurrent use. Create one with [New].
type Exporter struct {
	cfg    config
	url    string
	client *http.Client
	stats  counters
	closed atomic.Bool

	mu       sync.Mutex
	replaced map[uint64]struct{} // invocation spans the extension represents
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
	return &Exporter{cfg: cfg, url: u, client: client, replaced: map[uint64]struct{}{}}, nil
}

// URL returns the traces endpoint the exporter sends to.
func (e *Exporter) URL() string { return e.url }

// Stats returns the exporter's counters.
func (e *Exporter) Stats() Stats { return e.stats.snapshot() }

// replace marks a span as represented by the Lambda Extension's aws.lambda
// span: it is not sent, since the extension sends one with its ID.
func (e *Exporter) replace(spanID uint64) {
	e.mu.Lock()
	defer e.mu.Unlock()
	if len(e.replaced) >= maxReplaced {
		clear(e.replaced) // stale entries: their spans were exported long ago
	}
	e.replaced[spanID] = struct{}{}
}

func (e *Exporter) isReplaced(spanID uint64) bool {
	e.mu.Lock()
	defer e.mu.Unlock()
	_, ok := e.replaced[spanID]
	if ok {
		delete(e.replaced, spanID)
	}
	return ok
}

// ExportSpans maps the spans, groups them by trace, and sends one v0.4
// payload. It waits at most the configured timeout (or ctx); a failure is
// returned once and its spans are counted as dropped.
func (e *Exporter) ExportSpans(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	if len(spans) == 0 {
		return nil
	}
	e.stats.spans.Add(uint64(len(spans)))
	if e.closed.Load() {
		e.stats.closed.Add(uint64(len(spans)))
		return nil
	}
	var traces [][]Span
	index := map[uint64]int{}
	n := 0
	for _, s := range spans {
		sc := s.SpanContext()
		if !sc.IsSampled() {
			e.stats.unsampled.Add(1)
			continue
		}
		if s.Name() == MergeSubsegmentName || e.isReplaced(SpanID(sc.SpanID())) {
			e.stats.replaced.Add(1)
			continue
		}
		d := Convert(s, e.cfg.service, e.cfg.env, e.cfg.version)
		i, ok := index[d.TraceID]
		if !ok {
			i = len(traces)
			index[d.TraceID] = i
			traces = append(traces, nil)
		}
		traces[i] = append(traces[i], d)
		n++
	}
	if n == 0 {
		return nil
	}
	body := AppendPayload(nil, traces)
	// The deadline holds whatever client is used (WithHTTPClient may have none).
	ctx, cancel := context.WithTimeout(ctx, e.cfg.timeout)
	defer cancel()
	req, err := http.NewRequestWithContext(ctx, http.MethodPut, e.url, bytes.NewReader(body))
	if err != nil {
		e.stats.unreachable.Add(uint64(n))
		return fmt.Errorf("datadog: building the request to %s: %w", e.url, err)
	}
	h := req.Header
	h.Set("Content-Type", "application/msgpack")
	h.Set("Datadog-Meta-Lang", "go")
	h.Set("Datadog-Meta-Lang-Version", strings.TrimPrefix(runtime.Version(), "go"))
	h.Set("Datadog-Meta-Tracer-Version", TracerVersion)
	h.Set("X-Datadog-Trace-Count", strconv.Itoa(len(traces)))
	resp, err := e.client.Do(req)
	if err != nil {
		e.stats.unreachable.Add(uint64(n))
		return fmt.Errorf("datadog: %d spans not sent to %s: %w (is the Datadog Agent or Lambda Extension running? set %s)", n, e.url, err, EnvAgentURL)
	}
	defer resp.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	if resp.StatusCode/100 != 2 {
		e.stats.rejected.Add(uint64(n))
		return fmt.Errorf("datadog: the agent at %s rejected %d spans: %s", e.url, n, resp.Status)
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
