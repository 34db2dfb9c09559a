package slogtrace

import (
	"context"
	"io"
	"log/slog"
	"testing"
)

// BenchmarkRecord logs one record with two attributes, with and without the
// wrapper; allocs/op is the figure that matters.
func BenchmarkRecord(b *testing.B) {
	span := spanCtx(context.Background(), testTrace, testSpan)
	inv := lambdaCtx(span)
	for _, bc := range []struct {
		name string
		h    slog.Handler
		ctx  context.Context
		grp  bool
	}{
		{"json/bare", slog.NewJSONHandler(io.Discard, nil), inv, false},
		{"json/wrapped,no-ids", NewHandler(slog.NewJSONHandler(io.Discard, nil)), context.Background(), false},
		{"json/wrapped,span", NewHandler(slog.NewJSONHandler(io.Discard, nil)), span, false},
		{"json/wrapped,span+request", NewHandler(slog.NewJSONHandler(io.Discard, nil)), inv, false},
		{"json/wrapped,span+request+datadog", NewHandler(slog.NewJSONHandler(io.Discard, nil), WithDatadog()), inv, false},
		{"json/bare,group", slog.NewJSONHandler(io.Discard, nil), inv, true},
		{"json/wrapped,group,span+request", NewHandler(slog.NewJSONHandler(io.Discard, nil)), inv, true},
		{"text/bare", slog.NewTextHandler(io.Discard, nil), inv, false},
		{"text/wrapped,span+request", NewHandler(slog.NewTextHandler(io.Discard, nil)), inv, false},
	} {
		b.Run(bc.name, func(b *testing.B) {
			l := slog.New(bc.h)
			if bc.grp {
				l = l.WithGroup("g")
			}
			b.ReportAllocs()
			for b.Loop() {
				l.InfoContext(bc.ctx, "order stored", "order", "o-1", "items", 3)
			}
		})
	}
}
