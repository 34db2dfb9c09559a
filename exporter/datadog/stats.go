package datadog

import "sync/atomic"

// Stats counts what an Exporter did.
type Stats struct {
	// Spans is the number of spans passed to ExportSpans; Sent the number
	// the agent accepted.
	Spans, Sent uint64
	// Payloads and Bytes count the requests the agent accepted.
	Payloads, Bytes uint64
	// Dropped counts spans not delivered, by reason.
	Dropped Drops
}

// Drops counts spans that were not delivered, by reason.
type Drops struct {
	// Unsampled spans are never sent.
	Unsampled uint64
	// Replaced spans are invocation spans the Lambda Extension represents
	// with its own aws.lambda span (see ddlambda.Extension), and the
	// datadog-metadata subsegments meant for X-Ray (ddlambda.XRayMerge).
	Replaced uint64
	// Unreachable spans met a connection error or a timeout.
	Unreachable uint64
	// Rejected spans got a non-2xx answer.
	Rejected uint64
	// Shutdown spans were exported after Shutdown.
	Shutdown uint64
}

type counters struct {
	spans, sent, payloads, bytes                       atomic.Uint64
	unsampled, replaced, unreachable, rejected, closed atomic.Uint64
}

func (c *counters) snapshot() Stats {
	return Stats{
		Spans: c.spans.Load(), Sent: c.sent.Load(), Payloads: c.payloads.Load(), Bytes: c.bytes.Load(),
		Dropped: Drops{Unsampled: c.unsampled.Load(), Replaced: c.replaced.Load(), Unreachable: c.unreachable.Load(),
			Rejected: c.rejected.Load(), Shutdown: c.closed.Load()},
	}
}
