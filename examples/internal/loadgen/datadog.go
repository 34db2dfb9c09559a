package loadgen

import (
	"fmt"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/exporter/datadog"
)

// DatadogMeasure is the Datadog side of a load, when the functions trace
// to Datadog too (ddlambda.Enable) and a ddlocal stand-in is the agent.
type DatadogMeasure struct {
	// Produced is the spans the functions' Datadog exporters were given,
	// Sent those the agent accepted, Dropped those they did not deliver,
	// by reason (summed over the functions' datadog.Exporter Stats).
	Produced, Sent uint64
	Dropped        datadog.Drops
	// Agent is what the stand-in received.
	Agent ddlocal.Stats
}

// Received is the spans that reached the stand-in, kept or over its limit.
func (d DatadogMeasure) Received() uint64 { return d.Agent.Spans + d.Agent.DroppedSpans }

// Losses counts the Datadog spans lost, by reason; unexplained is the part
// no counter accounts for.
func (d DatadogMeasure) Losses() (byReason map[string]uint64, unexplained uint64) {
	byReason = map[string]uint64{}
	add := func(k string, n uint64) {
		if n > 0 {
			byReason[k] = n
		}
	}
	add("exporter: unsampled", d.Dropped.Unsampled)
	add("exporter: replaced by the extension's", d.Dropped.Replaced)
	add("exporter: agent unreachable", d.Dropped.Unreachable)
	add("exporter: agent answered an error", d.Dropped.Rejected)
	add("exporter: after shutdown", d.Dropped.Shutdown)
	add("ddlocal over its span limit", d.Agent.DroppedSpans)
	dropped := d.Dropped.Unsampled + d.Dropped.Replaced + d.Dropped.Unreachable + d.Dropped.Rejected + d.Dropped.Shutdown
	if d.Produced > d.Sent+dropped {
		unexplained += d.Produced - d.Sent - dropped // neither sent nor counted as dropped
	}
	if d.Sent > d.Received() {
		unexplained += d.Sent - d.Received() // accepted, yet not received
	}
	return byReason, unexplained
}

// Problems says why the Datadog side fails the run: a payload the
// stand-in could not read, a metric line it could not read, or a loss no
// counter explains.
func (d DatadogMeasure) Problems() []string {
	var out []string
	if d.Agent.BadPayloads > 0 {
		out = append(out, fmt.Sprintf("Datadog: %d trace payload(s) rejected by ddlocal (the last: %s)", d.Agent.BadPayloads, d.Agent.LastError))
	}
	if d.Agent.BadLines > 0 {
		out = append(out, fmt.Sprintf("Datadog: %d DogStatsD datagram(s) with a line ddlocal could not read (the last: %s)", d.Agent.BadLines, d.Agent.LastError))
	}
	if _, u := d.Losses(); u > 0 {
		out = append(out, fmt.Sprintf("Datadog: %d span(s) lost with no counter saying why", u))
	}
	return out
}

// writeDatadogRows adds the Datadog rows to the table, when either measure
// has a Datadog side.
func writeDatadogRows(row func(k, a, b string), on, off Measure) {
	if on.Datadog == nil && off.Datadog == nil {
		return
	}
	cell := func(m Measure, f func(DatadogMeasure) string) string {
		if m.Datadog == nil {
			return "-"
		}
		return f(*m.Datadog)
	}
	for _, r := range []struct {
		k string
		f func(DatadogMeasure) string
	}{
		{"Datadog: spans produced / sent / received by ddlocal", func(d DatadogMeasure) string {
			return fmt.Sprintf("%d / %d / %d", d.Produced, d.Sent, d.Received())
		}},
		{"Datadog: payloads accepted / rejected by ddlocal", func(d DatadogMeasure) string {
			return fmt.Sprintf("%d / %d", d.Agent.Payloads, d.Agent.BadPayloads)
		}},
		{"Datadog: lost, unexplained", func(d DatadogMeasure) string { _, u := d.Losses(); return fmt.Sprint(u) }},
		{"Datadog: lost, by reason", func(d DatadogMeasure) string {
			if by, _ := d.Losses(); len(by) > 0 {
				return fmt.Sprint(by)
			}
			return "none"
		}},
		{"Datadog: metric datagrams / values received (bad lines)", func(d DatadogMeasure) string {
			return fmt.Sprintf("%d / %d (%d)", d.Agent.MetricDatagrams, d.Agent.Metrics+d.Agent.DroppedMetrics, d.Agent.BadLines)
		}},
	} {
		row(r.k, cell(on, r.f), cell(off, r.f))
	}
}
