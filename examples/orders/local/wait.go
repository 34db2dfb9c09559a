package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/otelxray/otelxray/xraylocal"
)

// progress writes a status line while the demo waits: rewritten in place
// on a terminal, else printed when it changes, at most once a second.
type progress struct {
	w    io.Writer
	tty  bool
	last string
	at   time.Time
}

func (p *progress) show(line string) {
	if p.w == nil {
		return
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", line)
		return
	}
	if line != p.last && time.Since(p.at) >= time.Second {
		fmt.Fprintln(p.w, line)
		p.last, p.at = line, time.Now()
	}
}

// done ends the status line with a final one.
func (p *progress) done(line string) {
	if p.w == nil {
		return
	}
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K")
	}
	fmt.Fprintln(p.w, line)
}

// stable is how long nothing may change, once every trace is complete,
// before a failing check is final: longer than xraylocal's orphan timeout.
const stable = 3 * time.Second

// waitForTraces waits until handle-change has consumed every message the
// POSTs sent, xraylocal has settled every trace, and check passes. It gives
// up when check keeps failing while nothing changes, and returns the last
// findings; it fails when ctx is done first, as then the checks could not
// be made on everything the demo sent.
func waitForTraces(ctx context.Context, s *stack, calls []call, posts int, p *progress) (findings, error) {
	tick := time.NewTicker(100 * time.Millisecond)
	defer tick.Stop()
	var f findings
	var version uint64
	changed := time.Now()
	for {
		st := s.xray.Stats()
		complete := 0
		traces := s.xray.Traces("")
		for _, t := range traces {
			if t.Complete {
				complete++
			}
		}
		consumed := s.source.Delivered() + s.source.Failed() // a failure shows as a missing link
		counts := fmt.Sprintf("%d documents received in %d traces, %d of them complete; %d of %d queue messages handled",
			st.Documents, len(traces), complete, consumed, posts)
		p.show("waiting: " + counts + " (a trace is complete once no document came for it for " + xraylocal.DefaultSettle.String() + ")")
		if st.Version != version {
			version, changed = st.Version, time.Now()
		}
		if consumed >= posts && complete == len(traces) {
			f = check(s.xray, calls)
			if len(f.Problems) == 0 || time.Since(changed) > stable {
				p.done("all arrived: " + counts)
				return f, nil
			}
		}
		select {
		case <-ctx.Done():
			f = check(s.xray, calls)
			p.done("gave up waiting: " + counts)
			return f, fmt.Errorf("gave up waiting for the traces (%v): %s; the checks need them all (try a longer -timeout)",
				context.Cause(ctx), counts)
		case <-tick.C:
		}
	}
}
