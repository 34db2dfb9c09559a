package lambdatrace

import (
	"context"
	"testing"
	"time"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// The deadline cut ends the spans still open under one invocation span,
// however deep, through parents that have already ended; not the
// invocation span itself, not spans that ended, not another invocation's.
func TestEndOpenUnderRoot(t *testing.T) {
	proc := newFlushProcessor(&recorder{}, 1000)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(proc))
	defer tp.Shutdown(context.Background())
	tr := tp.Tracer("t")
	remote := trace.ContextWithRemoteSpanContext(context.Background(), trace.NewSpanContext(trace.SpanContextConfig{
		TraceID: trace.TraceID{1}, SpanID: trace.SpanID{1}, TraceFlags: trace.FlagsSampled, Remote: true}))

	rootCtx, root := tr.Start(remote, "invocation")
	childCtx, child := tr.Start(rootCtx, "child")
	_, grandchild := tr.Start(childCtx, "grandchild")
	_, done := tr.Start(rootCtx, "done")
	done.End()
	child.End() // grandchild is still open under it
	_, sibling := tr.Start(rootCtx, "sibling")
	otherCtx, other := tr.Start(remote, "other invocation")
	_, otherChild := tr.Start(otherCtx, "other child")

	at := time.Now()
	if n := proc.endOpen(root.SpanContext().SpanID(), at); n != 2 {
		t.Errorf("cut %d spans, want 2 (grandchild, sibling)", n)
	}
	for name, s := range map[string]trace.Span{"grandchild": grandchild, "sibling": sibling} {
		if s.IsRecording() {
			t.Errorf("%s is still open after the cut", name)
		}
	}
	for name, s := range map[string]trace.Span{"invocation": root, "other invocation": other, "other child": otherChild} {
		if !s.IsRecording() {
			t.Errorf("%s was ended by another invocation's cut", name)
		}
	}
	root.End()
	if err := proc.ForceFlush(context.Background()); err != nil {
		t.Fatal(err)
	}
	if got := len(proc.open.spans); got != 2 {
		t.Errorf("%d started spans kept after the flush, want the 2 still open", got)
	}
}

// However many spans start and never end, the list stays bounded, and once
// enough have ended it makes room again.
func TestOpenSpansBounded(t *testing.T) {
	proc := newFlushProcessor(&recorder{}, 1<<20)
	tp := sdktrace.NewTracerProvider(sdktrace.WithSpanProcessor(proc))
	defer tp.Shutdown(context.Background())
	tr := tp.Tracer("t")
	var spans []trace.Span
	for range maxOpen + 100 {
		_, s := tr.Start(context.Background(), "open")
		spans = append(spans, s)
	}
	if got := len(proc.open.spans); got != maxOpen {
		t.Fatalf("%d spans tracked, want the bound %d", got, maxOpen)
	}
	for _, s := range spans[:maxOpen/2] {
		s.End()
	}
	_, last := tr.Start(context.Background(), "after ends")
	if got := len(proc.open.spans); got != maxOpen/2+1 {
		t.Errorf("%d spans tracked after half ended, want %d", got, maxOpen/2+1)
	}
	if got := proc.open.spans[len(proc.open.spans)-1].span; got != last.(sdktrace.ReadWriteSpan) {
		t.Error("the span started after the compaction is not tracked")
	}
}
