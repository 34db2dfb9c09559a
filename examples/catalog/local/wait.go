package main

import (
	"context"
	"fmt"
	"io"
	"time"
)

// stable is how long nothing may change, once everything is delivered and
// every trace complete, before a failing check is final: longer than
// xraylocal's orphan timeout.
const stable = 3 * time.Second

// quiet reports whether the asynchronous work of mutations product changes
// is done: the invocations SNS, EventBridge and Step Functions made, the
// queue's messages, and the analytics counts (two per change).
func (s *stack) quiet(mutations int) (bool, string) {
	d := s.aws.Deliveries()
	consumed := s.source.Delivered() + s.source.Failed()
	_, metrics := s.eventCounts()
	st := s.xray.Stats()
	complete, traces := 0, s.xray.Traces("")
	for _, t := range traces {
		if t.Complete {
			complete++
		}
	}
	line := fmt.Sprintf("%d documents in %d traces, %d complete; %d asynchronous invocations pending; %d of %d queue messages handled; %v of %d counts",
		st.Documents, len(traces), complete, d.Pending(), consumed, mutations, metrics, 2*mutations)
	return d.Pending() == 0 && consumed >= mutations && int(metrics) >= 2*mutations && complete == len(traces), line
}

// waitFor waits until the stack is quiet and cond holds (or nothing has
// changed for stable while it is quiet); it fails when ctx is done first.
func waitFor(ctx context.Context, s *stack, mutations int, progress io.Writer, cond func() bool) error {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var version uint64
	changed, shown := time.Now(), time.Time{}
	for {
		ok, line := s.quiet(mutations)
		if st := s.xray.Stats(); st.Version != version {
			version, changed = st.Version, time.Now()
		}
		if progress != nil && time.Since(shown) >= time.Second {
			fmt.Fprintln(progress, "waiting: "+line)
			shown = time.Now()
		}
		if ok && (cond() || time.Since(changed) > stable) {
			if progress != nil {
				fmt.Fprintln(progress, "all arrived: "+line)
			}
			return nil
		}
		select {
		case <-ctx.Done():
			return fmt.Errorf("gave up waiting for the traces (%v): %s; the checks need them all (try a longer -timeout)", context.Cause(ctx), line)
		case <-tick.C:
		}
	}
}
