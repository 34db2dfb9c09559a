package lambdatrace

import (
	"context"
	"sync"
	"sync/atomic"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// flushProcessor keeps ended spans in memory and exports them all in one
// ExportSpans call when flushed, so the exporter can nest a whole
// invocation into as few datagrams as possible. It runs no goroutine:
// nothing is left pending when Lambda freezes the process, because the
// wrapper flushes before the handler returns.
//
// It also knows which sampled spans are open, and under which invocation
// span (the local root of their tree), so that an invocation cut at its
// deadline can end them (endOpen).
type flushProcessor struct {
	exp     sdktrace.SpanExporter
	size    int // the queue's bound
	mu      sync.Mutex
	pending []sdktrace.ReadOnlySpan
	// spare is an exported batch's array, cleared, kept for the next batch
	// when spans ended during the export (recycle): an invocation's spans
	// are appended without growing a new slice each time.
	spare  []sdktrace.ReadOnlySpan
	open   openSpans
	closed atomic.Bool
}

var _ sdktrace.SpanProcessor = (*flushProcessor)(nil)

func newFlushProcessor(exp sdktrace.SpanExporter, size int) *flushProcessor {
	return &flushProcessor{exp: exp, size: max(size, 1)}
}

// OnStart notes a sampled span as started, with its local parent.
func (p *flushProcessor) OnStart(_ context.Context, s sdktrace.ReadWriteSpan) {
	sc := s.SpanContext()
	if !sc.IsSampled() || p.closed.Load() {
		return
	}
	parent := s.Parent()
	p.mu.Lock()
	p.open.add(s, sc.SpanID(), parent)
	p.mu.Unlock()
}

// OnEnd keeps a sampled span until the next flush; when the queue is full
// its spans are exported at once, in the goroutine that ended the span.
func (p *flushProcessor) OnEnd(s sdktrace.ReadOnlySpan) {
	if !s.SpanContext().IsSampled() {
		return
	}
	if p.closed.Load() {
		stats.dropped.Add(1) // ended after Shutdown
		return
	}
	p.mu.Lock()
	p.open.ended++
	p.pending = append(p.pending, s)
	full := len(p.pending) >= p.size
	var batch []sdktrace.ReadOnlySpan
	if full {
		batch = p.take()
	}
	p.mu.Unlock()
	if full {
		stats.early.Add(1)
		_ = p.export(context.Background(), batch)
		p.recycle(batch)
	}
}

// take returns the pending spans and starts a new batch in the spare
// array. p.mu must be held.
func (p *flushProcessor) take() []sdktrace.ReadOnlySpan {
	batch := p.pending
	p.pending, p.spare = p.spare, nil
	return batch
}

// recycle gives an exported batch's array, cleared so that it holds no
// span, to the next batch, or keeps it as the spare when spans ended
// during the export. The exporter does not keep the slice past
// ExportSpans (the SDK's batch processor reuses its own the same way).
func (p *flushProcessor) recycle(batch []sdktrace.ReadOnlySpan) {
	if cap(batch) == 0 {
		return
	}
	clear(batch)
	p.mu.Lock()
	switch {
	case p.pending == nil:
		p.pending = batch[:0]
	case p.spare == nil:
		p.spare = batch[:0]
	}
	p.mu.Unlock()
}

// endOpen ends, at the given time and marked as cut at the deadline, every
// open span under root (through its chain of local parents) except root
// itself, and returns how many it ended.
func (p *flushProcessor) endOpen(root trace.SpanID, at time.Time) int {
	p.mu.Lock()
	cut := p.open.under(root)
	p.mu.Unlock()
	for _, s := range cut {
		s.SetAttributes(cutAtDeadline)
		s.End(trace.WithTimestamp(at))
	}
	return len(cut)
}

// ForceFlush exports every pending span in one call, and forgets the
// started spans that have ended.
func (p *flushProcessor) ForceFlush(ctx context.Context) error {
	p.mu.Lock()
	p.open.compact()
	batch := p.take()
	p.mu.Unlock()
	err := p.export(ctx, batch)
	p.recycle(batch)
	return err
}

func (p *flushProcessor) export(ctx context.Context, batch []sdktrace.ReadOnlySpan) error {
	if len(batch) == 0 {
		return nil
	}
	err := p.exp.ExportSpans(ctx, batch)
	if err != nil {
		stats.dropped.Add(uint64(len(batch)))
	} else {
		stats.exported.Add(uint64(len(batch)))
	}
	return err
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
