package xrayudp

import (
	"context"

	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// packOTLP decides which spans are sent, by the same rules as segments,
// packs them into OTLP datagrams and counts the spans dropped and trimmed.
func (e *Exporter) packOTLP(p *wire.OTLPPacker, spans []sdktrace.ReadOnlySpan) {
	var unsampled, noParent, invalid uint64
	for _, s := range spans {
		switch e.translator.Decide(s) {
		case segment.Keep:
			p.Add(s, false)
		case segment.DropUnsampled:
			if e.cfg.unsampled && e.sendableUnsampled(s) {
				p.Add(s, true)
				continue
			}
			unsampled++
		case segment.DropNoParent:
			noParent++
			p.Drop(s.SpanContext().SpanID())
		case segment.DropInvalid:
			invalid++
		}
	}
	p.Pack()
	e.countPacked(unsampled, noParent+uint64(p.Orphans()), invalid, p.Trimmed())
}

// sendableUnsampled reports whether an unsampled span may go out as T1U:
// its IDs are set and, in Lambda mode, it has a parent.
func (e *Exporter) sendableUnsampled(s sdktrace.ReadOnlySpan) bool {
	sc := s.SpanContext()
	return sc.HasTraceID() && sc.HasSpanID() && (!e.lambda || s.Parent().IsValid())
}

// exportOTLP packs spans as OTLP and sends them.
func (e *Exporter) exportOTLP(ctx context.Context, spans []sdktrace.ReadOnlySpan) error {
	p := e.otlpPackers.Get().(*wire.OTLPPacker)
	defer func() {
		if p.Reusable() {
			p.Reset()
			e.otlpPackers.Put(p)
		}
	}()
	e.packOTLP(p, spans)
	return e.send(ctx, p)
}
