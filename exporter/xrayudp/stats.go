package xrayudp

import "sync/atomic"

// Stats counts what an Exporter did since it was created. Span counts are
// per span; a span nested in a dropped datagram counts as dropped.
type Stats struct {
	// Spans is the number of spans passed to ExportSpans.
	Spans uint64
	// Sent is the number of spans written to the daemon's socket. UDP cannot
	// report loss: a span written may still be dropped by a receiver that
	// falls behind.
	Sent uint64
	// Datagrams is the number of datagrams written: one top-level
	// document each, with the subsegments nested in it.
	Datagrams uint64
	// Bytes is the number of bytes written, headers included.
	Bytes uint64
	// Trimmed is the number of spans cut down to fit a datagram.
	Trimmed uint64
	// Refused counts the times the daemon's host reported that an earlier
	// datagram found nothing listening (an ICMP port unreachable). The
	// spans of the last datagram written before the report move from Sent
	// to Dropped.Unreachable; UDP cannot tell which other ones were lost.
	Refused uint64
	// Dropped counts the spans not sent, by reason.
	Dropped Drops
	// DatadogOnly is the number of spans left out because only Datadog
	// is sent them (ddlambda's inferred spans of the upstream service);
	// they are not drops.
	DatadogOnly uint64
}

// Drops counts spans that were not sent, by reason.
type Drops struct {
	// Unsampled spans are never sent: spans the sampler did not sample,
	// and spans recorded for Datadog in a trace X-Ray did not sample
	// (see package ddlambda).
	Unsampled uint64
	// NoParent spans had no parent in Lambda mode.
	NoParent uint64
	// Invalid spans had a zero trace or span ID.
	Invalid uint64
	// Shutdown spans were exported after Shutdown.
	Shutdown uint64
	// Unreachable spans were refused by the daemon's host (nothing listens
	// on the daemon port).
	Unreachable uint64
	// SocketFull spans were in a datagram that waited longer than the write
	// timeout for buffer space, or after it in the same batch.
	SocketFull uint64
	// Canceled spans were left when the ExportSpans context was done.
	Canceled uint64
	// WriteError spans failed for any other socket error.
	WriteError uint64
}

// Total is the sum of all drops.
func (d Drops) Total() uint64 {
	return d.Unsampled + d.NoParent + d.Invalid + d.Shutdown + d.Unreachable + d.SocketFull + d.Canceled + d.WriteError
}

type counters struct {
	spans, sent, datagrams, bytes, trimmed, refused     atomic.Uint64
	unsampled, noParent, invalid, shutdown, unreachable atomic.Uint64
	socketFull, canceled, writeError                    atomic.Uint64

	datadogOnly atomic.Uint64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Spans:     c.spans.Load(),
		Sent:      c.sent.Load(),
		Datagrams: c.datagrams.Load(),
		Bytes:     c.bytes.Load(),
		Trimmed:   c.trimmed.Load(),
		Refused:   c.refused.Load(),
		Dropped: Drops{
			Unsampled:   c.unsampled.Load(),
			NoParent:    c.noParent.Load(),
			Invalid:     c.invalid.Load(),
			Shutdown:    c.shutdown.Load(),
			Unreachable: c.unreachable.Load(),
			SocketFull:  c.socketFull.Load(),
			Canceled:    c.canceled.Load(),
			WriteError:  c.writeError.Load(),
		},
		DatadogOnly: c.datadogOnly.Load(),
	}
}
