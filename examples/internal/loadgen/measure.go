package loadgen

import (
	"context"
	"fmt"
	"io"
	"runtime"
	"sync"
	"time"

	"github.com/otelxray/otelxray/xraylocal"
)

// Measure is what one load did, end to end.
type Measure struct {
	Result Result
	// Due is how many requests the rate and duration asked for.
	Due int
	// Exported is what the functions' exporters took (lambdatrace's
	// QueueStats), ExporterDropped what they lost, and Segments the
	// function segments the Lambda stand-in sent.
	Exported, ExporterDropped, Segments uint64
	// DatadogOnly is the part of Exported only Datadog is sent (ddlambda's
	// inferred and cold-start spans), which X-Ray's exporter leaves out.
	DatadogOnly uint64
	Relay       RelayStats
	XRay        xraylocal.Stats
	// PeakHeap is the largest heap in use seen in this process (which
	// holds xraylocal and the stand-ins), PeakMemory xraylocal's largest
	// estimate of the traces it held.
	PeakHeap   uint64
	PeakMemory int64
	// Datadog is the Datadog side, nil when the functions do not trace to
	// Datadog.
	Datadog *DatadogMeasure
}

// Produced is the spans the functions and Lambda produced for X-Ray.
func (m Measure) Produced() uint64 { return m.Exported - min(m.DatadogOnly, m.Exported) + m.Segments }

// Losses counts the spans or datagrams lost, by reason; unexplained is the
// part no counter accounts for.
func (m Measure) Losses() (byReason map[string]uint64, unexplained uint64) {
	byReason = map[string]uint64{}
	add := func(k string, n uint64) {
		if n > 0 {
			byReason[k] = n
		}
	}
	add("exporter dropped (spans)", m.ExporterDropped)
	add("relay could not forward (datagrams)", m.Relay.ForwardErrors)
	add("xraylocal discarded (datagrams)", m.XRay.Discarded)
	add("xraylocal rejected (datagrams)", m.XRay.Rejected)
	add("xraylocal over a limit (datagrams)", m.XRay.OverLimit)
	add("xraylocal fell behind (datagrams)", m.XRay.Overflow)
	if m.Produced() > m.Relay.Spans {
		unexplained += m.Produced() - m.Relay.Spans // lost on the way to the relay
	}
	if sent := m.Relay.Datagrams - m.Relay.ForwardErrors; sent > m.XRay.Datagrams {
		unexplained += sent - m.XRay.Datagrams // lost on the way to xraylocal
	}
	return byReason, unexplained
}

// Problems says why the run fails: invalid documents or unexplained loss,
// and, with a Datadog side, a rejected payload or unexplained Datadog loss.
func (m Measure) Problems() []string {
	var out []string
	if m.XRay.Invalid > 0 {
		out = append(out, fmt.Sprintf("%d invalid datagram(s) (%d problem(s))", m.XRay.Invalid, m.XRay.Problems))
	}
	if _, u := m.Losses(); u > 0 {
		out = append(out, fmt.Sprintf("%d span(s) or datagram(s) lost with no counter saying why", u))
	}
	if m.Datadog != nil {
		out = append(out, m.Datadog.Problems()...)
	}
	return out
}

// Sampler records the peak heap of this process and xraylocal's memory
// estimate while it runs.
type Sampler struct {
	stop   chan struct{}
	done   sync.WaitGroup
	heap   uint64
	memory int64
	mu     sync.Mutex
	xray   *xraylocal.Server
}

// Sample starts sampling every half second until Stop.
func Sample(xray *xraylocal.Server) *Sampler {
	s := &Sampler{stop: make(chan struct{}), xray: xray}
	s.done.Add(1)
	go func() {
		defer s.done.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			s.take()
			select {
			case <-s.stop:
				return
			case <-t.C:
			}
		}
	}()
	return s
}

func (s *Sampler) take() {
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	mem := s.xray.Stats().Memory
	s.mu.Lock()
	s.heap, s.memory = max(s.heap, ms.HeapInuse), max(s.memory, mem)
	s.mu.Unlock()
}

// Stop ends the sampling and returns the peaks.
func (s *Sampler) Stop() (heap uint64, memory int64) {
	close(s.stop)
	s.done.Wait()
	s.take()
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.heap, s.memory
}

// settleQuiet is how long the relay must see nothing new before Settle
// trusts that the functions' last datagrams (a function segment the Lambda
// stand-in writes as an invocation returns) are not still on their way.
const settleQuiet = 250 * time.Millisecond

// Settle waits until the relay has seen nothing new for settleQuiet and
// xraylocal has received every datagram the relay forwarded, or nothing
// changed for a few seconds, or ctx is done.
func Settle(ctx context.Context, r *Relay, xray *xraylocal.Server) {
	var last, lastRelay uint64
	changed, relayChanged := time.Now(), time.Now()
	for ctx.Err() == nil && time.Since(changed) < 3*time.Second {
		rs, xs := r.Stats(), xray.Stats()
		if rs.Datagrams != lastRelay {
			lastRelay, relayChanged = rs.Datagrams, time.Now()
		}
		if xs.Datagrams >= rs.Datagrams-rs.ForwardErrors && time.Since(relayChanged) >= settleQuiet {
			return
		}
		if xs.Datagrams != last {
			last, changed = xs.Datagrams, time.Now()
		}
		select {
		case <-ctx.Done():
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// WriteTable writes the traced and untraced measures side by side.
func WriteTable(w io.Writer, on, off Measure) {
	ms := func(d time.Duration) string { return fmt.Sprintf("%.2f ms", float64(d)/1e6) }
	row := func(k, a, b string) { fmt.Fprintf(w, "| %s | %s | %s |\n", k, a, b) }
	row("", "tracing on", "tracing off")
	row("---", "---:", "---:")
	row("requests due / made / failed / skipped", fmt.Sprintf("%d / %d / %d / %d", on.Due, on.Result.Requests, on.Result.Failed, on.Result.Skipped),
		fmt.Sprintf("%d / %d / %d / %d", off.Due, off.Result.Requests, off.Result.Failed, off.Result.Skipped))
	for _, p := range []float64{50, 95, 99} {
		row(fmt.Sprintf("latency p%v", p), ms(on.Result.Percentile(p)), ms(off.Result.Percentile(p)))
	}
	u := func(m Measure, f func(Measure) uint64) string { return fmt.Sprint(f(m)) }
	for _, r := range []struct {
		k string
		f func(Measure) uint64
	}{
		{"spans produced (exporters + Lambda segments)", Measure.Produced},
		{"spans reaching the relay", func(m Measure) uint64 { return m.Relay.Spans }},
		{"datagrams sent / received by xraylocal", nil},
		{"documents accepted by xraylocal", func(m Measure) uint64 { return m.XRay.Documents }},
		{"invalid datagrams", func(m Measure) uint64 { return m.XRay.Invalid }},
		{"lost, unexplained", func(m Measure) uint64 { _, x := m.Losses(); return x }},
	} {
		if r.f == nil {
			row(r.k, fmt.Sprintf("%d / %d", on.Relay.Datagrams, on.XRay.Datagrams), fmt.Sprintf("%d / %d", off.Relay.Datagrams, off.XRay.Datagrams))
			continue
		}
		row(r.k, u(on, r.f), u(off, r.f))
	}
	loss := func(m Measure) string {
		by, _ := m.Losses()
		if len(by) == 0 {
			return "none"
		}
		return fmt.Sprint(by)
	}
	row("lost, by reason", loss(on), loss(off))
	writeDatadogRows(row, on, off)
	rate := func(m Measure) string {
		if m.Result.Elapsed <= 0 {
			return "-"
		}
		return fmt.Sprintf("%.0f datagrams/s", float64(m.XRay.Datagrams)/m.Result.Elapsed.Seconds())
	}
	row("xraylocal ingest rate (over the load)", rate(on), rate(off))
	mib := func(n float64) string { return fmt.Sprintf("%.1f MiB", n/(1<<20)) }
	row("xraylocal memory estimate, peak", mib(float64(on.PeakMemory)), mib(float64(off.PeakMemory)))
	row("heap in use, peak (this process: xraylocal, stand-ins)", mib(float64(on.PeakHeap)), mib(float64(off.PeakHeap)))
}
