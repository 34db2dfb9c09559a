package main

import (
	"context"
	"fmt"
	"io"
	"time"
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
// up when ctx is done, or when check keeps failing while nothing changes;
// it returns the last findings.
func waitForTraces(ctx context.Context, s *stack, calls []call, posts int, p *progress) findings {
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
		p.show(fmt.Sprintf("waiting for documents: %d received, %d traces (%d complete), %d/%d messages consumed",
			st.Documents, len(traces), complete, consumed, posts))
		if st.Version != version {
			version, changed = st.Version, time.Now()
		}
		if consumed >= posts && complete == len(traces) {
			f = check(s.xray, calls)
			if len(f.problems) == 0 || time.Since(changed) > stable {
				p.done(fmt.Sprintf("received %d documents in %d traces; %d/%d messages consumed",
					st.Documents, len(traces), consumed, posts))
				return f
			}
		}
		select {
		case <-ctx.Done():
			f = check(s.xray, calls)
			p.done(fmt.Sprintf("gave up waiting (%v): %d documents in %d traces (%d complete), %d/%d messages consumed",
				context.Cause(ctx), st.Documents, len(traces), complete, consumed, posts))
			return f
		case <-tick.C:
		}
	}
}
