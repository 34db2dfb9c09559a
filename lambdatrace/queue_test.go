package lambdatrace

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
)

// recorder is an exporter that keeps the size of every batch, and fails
// while fail is set.
type recorder struct {
	mu      sync.Mutex
	batches []int
	fail    bool
}

func (r *recorder) ExportSpans(_ context.Context, spans []sdktrace.ReadOnlySpan) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.batches = append(r.batches, len(spans))
	if r.fail {
		return errors.New("the collector is down")
	}
	return nil
}

func (r *recorder) Shutdown(context.Context) error { return nil }

// A full queue is exported early, in batches of the queue's size; a failed
// export and spans ended after Shutdown are counted as dropped.
func TestQueueExportsEarlyAndCountsDrops(t *testing.T) {
	rec := &recorder{}
	proc := newFlushProcessor(rec, 3)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(proc))
	tr := tp.Tracer("t")
	before := QueueStats()
	for i := range 7 {
		_, s := tr.Start(context.Background(), fmt.Sprint(i))
		s.End()
	}
	if err := tp.ForceFlush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := fmt.Sprint(rec.batches); got != "[3 3 1]" {
		t.Errorf("batches %s, want [3 3 1]", got)
	}
	rec.fail = true
	_, s := tr.Start(context.Background(), "lost")
	s.End()
	if err := tp.ForceFlush(context.Background()); err == nil {
		t.Error("ForceFlush hid the exporter's error")
	}
	rec.fail = false
	if err := tp.Shutdown(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, late := tr.Start(context.Background(), "after shutdown")
	proc.OnEnd(late.(sdktrace.ReadOnlySpan)) // the provider no longer calls it
	after := QueueStats()
	got := Stats{after.Exported - before.Exported, after.EarlyExports - before.EarlyExports, after.Dropped - before.Dropped}
	if want := (Stats{Exported: 7, EarlyExports: 2, Dropped: 2}); got != want {
		t.Errorf("stats moved by %+v, want %+v", got, want)
	}
}

// flushCounter is a span processor that counts ForceFlush calls and ended spans.
type flushCounter struct {
	sdktrace.SpanProcessor
	mu            sync.Mutex
	flushes, ends int
}

func (f *flushCounter) OnEnd(sdktrace.ReadOnlySpan) { f.mu.Lock(); f.ends++; f.mu.Unlock() }
func (f *flushCounter) ForceFlush(context.Context) error {
	f.mu.Lock()
	f.flushes++
	f.mu.Unlock()
	return nil
}

// In finalize mode the wrapper ends the invocation span and does not
// flush; in sync mode it flushes before the handler returns.
func TestFinalizeModeOnlyEndsTheSpan(t *testing.T) {
	for _, tc := range []struct {
		mode    ProcessingMode
		flushes int
	}{{ProcessingModeFinalize, 0}, {ProcessingModeSync, 1}} {
		fc := &flushCounter{SpanProcessor: sdktrace.NewSimpleSpanProcessor(&recorder{})}
		tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(fc))
		h := Wrap(func(context.Context, struct{}) (string, error) { return "ok", nil },
			WithTracerProvider(tp), WithProcessingMode(tc.mode))
		if _, err := h(context.Background(), struct{}{}); err != nil {
			t.Fatal(err)
		}
		if fc.ends != 1 || fc.flushes != tc.flushes {
			t.Errorf("%s: %d spans ended and %d flushes, want 1 and %d", tc.mode, fc.ends, fc.flushes, tc.flushes)
		}
	}
}

// names is an exporter that keeps the span names of every batch, and the
// address of each batch's array.
type names struct {
	batches [][]string
	arrays  []*sdktrace.ReadOnlySpan
}

func (n *names) ExportSpans(_ context.Context, spans []sdktrace.ReadOnlySpan) error {
	var b []string
	for _, s := range spans {
		b = append(b, s.Name())
	}
	n.batches = append(n.batches, b)
	n.arrays = append(n.arrays, &spans[0])
	return nil
}

func (*names) Shutdown(context.Context) error { return nil }

// The flush processor fills each batch into the previous batch's array,
// which holds no span between batches, whether the wrapper flushes the
// batch or a full queue exports it early.
func TestBatchArrayIsReusedAndCleared(t *testing.T) {
	tests := []struct {
		name  string
		size  int   // the queue's bound
		spans []int // spans ended before each flush
		want  string
	}{
		{"flushed", 100, []int{3, 2, 4}, "[[0 1 2] [3 4] [5 6 7 8]]"},
		{"exported early", 2, []int{5}, "[[0 1] [2 3] [4]]"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			exp := &names{}
			proc := newFlushProcessor(exp, tt.size)
			tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(proc))
			tr := tp.Tracer("t")
			next := 0
			for _, n := range tt.spans {
				for range n {
					_, s := tr.Start(context.Background(), fmt.Sprint(next))
					s.End()
					next++
				}
				if err := tp.ForceFlush(context.Background()); err != nil {
					t.Fatal(err)
				}
				proc.mu.Lock()
				for _, kept := range [][]sdktrace.ReadOnlySpan{proc.pending, proc.spare} {
					for i, s := range kept[:cap(kept)] {
						if s != nil {
							t.Errorf("an array of the queue keeps span %d (%s) after the flush", i, s.Name())
						}
					}
				}
				proc.mu.Unlock()
			}
			if got := fmt.Sprint(exp.batches); got != tt.want {
				t.Errorf("batches %s, want %s", got, tt.want)
			}
			for i := 1; i < len(exp.arrays); i++ {
				if exp.arrays[i] != exp.arrays[0] {
					t.Errorf("batch %d is in a new array", i)
				}
			}
		})
	}
}
