package lambdatrace

import "sync/atomic"

// Stats counts what the default setup's span queue did, over every
// wrapper of the process. The queue (LAMBDA_SPAN_PROCESSOR_QUEUE_SIZE,
// default 2,048) keeps the spans that ended since the last export; when it
// is full they are exported at once (EarlyExports) rather than dropped.
type Stats struct {
	// Exported is how many spans the exporter accepted.
	Exported uint64
	// EarlyExports is how many times a full queue was exported before its
	// invocation's export.
	EarlyExports uint64
	// Dropped is how many spans were lost: the exporter failed on their
	// batch (its own Stats say why), or they ended after Shutdown.
	Dropped uint64
}

// stats are the counters behind QueueStats.
var stats struct {
	exported, early, dropped atomic.Uint64
}

// QueueStats returns the counters of the default setup's span queue. With
// WithTracerProvider or a program's own provider the queue is not used and
// the counters stay at zero.
func QueueStats() Stats {
	return Stats{Exported: stats.exported.Load(), EarlyExports: stats.early.Load(), Dropped: stats.dropped.Load()}
}
