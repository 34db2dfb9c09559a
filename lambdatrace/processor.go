package lambdatrace

import (
	"context"
	"sync"
	"sync/atomic"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// maxPending bounds the spans kept between flushes; beyond it spans are
// exported at once in a batch of their own rather than held.
const maxPending = 4096

// flushProcessor keeps ended spans in memory and exports them all in one
// ExportSpans call when flushed, so the exporter can nest a whole
// invocation into as few datagrams as possible. It runs no goroutine:
// nothing is left pending when Lambda freezes the process, because the
// wrapper flushes before the handler returns.
type flushProcessor struct {
	exp     sdktrace.SpanExporter
	mu      sync.Mutex
	pending []sdktrace.ReadOnlySpan
	closed  atomic.Bool
}

var _ sdktrace.SpanProcessor = (*flushProcessor)(nil)

func newFlushProcessor(exp sdktrace.SpanExporter) *flushProcessor {
	return &flushProcessor{exp: exp}
}

// OnStart does nothing.
func (p *flushProcessor) OnStart(context.Context, sdktrace.ReadWriteSpan) {}

// OnEnd keeps a sampled span until the next flush.
func (p *flushProcessor) OnEnd(s sdktrace.ReadOnlySpan) {
	if !s.SpanContext().IsSampled() || p.closed.Load() {
		return
	}
	p.mu.Lock()
	p.pending = append(p.pending, s)
	full := len(p.pending) >= maxPending
	var batch []sdktrace.ReadOnlySpan
	if full {
		batch, p.pending = p.pending, nil
	}
	p.mu.Unlock()
	if full {
		p.export(context.Background(), batch)
	}
}

// ForceFlush exports every pending span in one call.
func (p *flushProcessor) ForceFlush(ctx context.Context) error {
	p.mu.Lock()
	batch := p.pending
	p.pending = nil
	p.mu.Unlock()
	return p.export(ctx, batch)
}

func (p *flushProcessor) export(ctx context.Context, batch []sdktrace.ReadOnlySpan) error {
	if len(batch) == 0 {
		return nil
	}
	return p.exp.ExportSpans(ctx, batch)
}

// Shutdown flushes and shuts the exporter down.
func (p *flushProcessor) Shutdown(ctx context.Context) error {
	if p.closed.Swap(true) {
		return nil
	}
	err := p.ForceFlush(ctx)
	if serr := p.exp.Shutdown(ctx); err == nil {
		err = serr
	}
	return err
}
