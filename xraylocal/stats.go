package xraylocal

// Stats counts what a Server received and did with it.
type Stats struct {
	// Datagrams and Bytes count what was received (over UDP or through
	// Receive).
	Datagrams uint64 `json:"datagrams"`
	Bytes     uint64 `json:"bytes"`
	// Discarded counts datagrams the X-Ray daemon itself discards: no
	// newline after the header, nothing after it, or a header it does not
	// accept. (Exporters count spans they drop; this counts datagrams.)
	Discarded uint64 `json:"discarded"`
	// Rejected counts documents the daemon forwards but X-Ray rejects
	// (not one JSON object, no id or trace_id), and documents left out by
	// WithStrict. They are not assembled.
	Rejected uint64 `json:"rejected"`
	// Documents counts documents accepted into traces.
	Documents uint64 `json:"documents"`
	// Invalid counts datagrams in which validate.Datagram found problems,
	// whatever became of them.
	Invalid uint64 `json:"invalid"`
	// Problems counts problems found; the list keeps the newest.
	Problems uint64 `json:"problems"`
	// Traces is the number of traces held now, and Memory the estimate of
	// the memory they take (see WithMaxBytes).
	Traces int   `json:"traces"`
	Memory int64 `json:"memory"`
	// Completed counts reports of complete traces (a trace updated after
	// its report is reported again).
	Completed uint64 `json:"completed"`
	// Orphaned counts traces reported complete with a span whose parent
	// never arrived (expected in Lambda, where Lambda sends the parent).
	Orphaned uint64 `json:"orphaned"`
	// Evicted counts traces evicted to stay within the trace and byte
	// limits.
	Evicted uint64 `json:"evicted"`
	// OverLimit counts documents left out at a limit: their trace reached
	// its span limit or would alone exceed WithMaxBytes, or they nest
	// JSON more than 1,024 levels deep.
	OverLimit uint64 `json:"over_limit"`
	// Overflow counts datagrams dropped because processing fell behind
	// (the queue between the socket and the validator was full).
	Overflow uint64 `json:"overflow"`
	// Forwarded and ForwardErrors count relayed datagrams (WithForward).
	Forwarded     uint64 `json:"forwarded"`
	ForwardErrors uint64 `json:"forward_errors"`
	// Version changes whenever anything else does.
	Version uint64 `json:"version"`
}
