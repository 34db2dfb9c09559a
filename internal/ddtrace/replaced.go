package ddtrace

import "sync"

// MergeSubsegmentName is the subsegment Datadog's X-Ray integration reads
// (ddlambda.XRayMerge writes it); the Datadog exporter never sends it.
const MergeSubsegmentName = "datadog-metadata"

// maxReplaced bounds the span IDs remembered for the Lambda Extension.
const maxReplaced = 1024

// replacement is a span that one exporter (owner) must leave out.
type replacement struct {
	owner any
	span  uint64
}

var replaced = struct {
	mu  sync.Mutex
	ids map[replacement]struct{}
}{ids: map[replacement]struct{}{}}

// Replace marks a span as represented by the Lambda Extension's aws.lambda
// span, which carries its ID: the exporter owner (compared by identity)
// leaves it out the next time it sees it, since the extension sends it.
func Replace(owner any, spanID uint64) {
	replaced.mu.Lock()
	defer replaced.mu.Unlock()
	if len(replaced.ids) >= maxReplaced {
		clear(replaced.ids) // stale entries: their spans were exported long ago
	}
	replaced.ids[replacement{owner, spanID}] = struct{}{}
}

// Replaced reports whether owner must leave the span out, and forgets it.
func Replaced(owner any, spanID uint64) bool {
	replaced.mu.Lock()
	defer replaced.mu.Unlock()
	k := replacement{owner, spanID}
	_, ok := replaced.ids[k]
	if ok {
		delete(replaced.ids, k)
	}
	return ok
}
