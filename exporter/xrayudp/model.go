package xrayudp

import (
	sdktrace "go.opentelemetry.io/otel/sdk/trace"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// pack translates spans into documents, hands them to p, packs them into
// datagrams and counts the spans the translator or the packer dropped and the
// documents trimmed to fit.
func (e *Exporter) pack(p *wire.Packer, spans []sdktrace.ReadOnlySpan) {
	var unsampled, noParent, invalid uint64
	for _, s := range spans {
		doc, why := e.translator.TranslateWith(p.Scratch(), s)
		switch why {
		case segment.DropUnsampled:
			unsampled++
		case segment.DropNoParent:
			noParent++
			p.Drop(s.SpanContext().SpanID())
		case segment.DropInvalid:
			invalid++
		default:
			p.Add(&doc)
		}
	}
	p.Pack()
	e.countPacked(unsampled, noParent+uint64(p.Orphans()), invalid, p.Trimmed())
}

// countPacked adds what packing one batch dropped and trimmed to the Stats.
func (e *Exporter) countPacked(unsampled, noParent, invalid uint64, trimmed int) {
	if unsampled > 0 {
		e.stats.unsampled.Add(unsampled)
	}
	if noParent > 0 {
		e.stats.noParent.Add(noParent)
	}
	if invalid > 0 {
		e.stats.invalid.Add(invalid)
	}
	if trimmed > 0 {
		e.stats.trimmed.Add(uint64(trimmed))
	}
}
