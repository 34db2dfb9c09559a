package loadgen

import (
	"bytes"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/ddlocal"
	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/xraylocal"
)

// TestProblems: the load test fails on an invalid document and on a loss
// no counter explains, and not on a loss a counter explains.
func TestProblems(t *testing.T) {
	clean := Measure{Exported: 7, Segments: 3, Relay: RelayStats{Datagrams: 5, Spans: 10}, XRay: xraylocal.Stats{Datagrams: 5, Documents: 5}}
	for _, tc := range []struct {
		name        string
		edit        func(*Measure)
		unexplained uint64
		reasons     int
		fails       string
	}{
		{"clean", func(*Measure) {}, 0, 0, ""},
		{"invalid", func(m *Measure) { m.XRay.Invalid, m.XRay.Problems = 1, 2 }, 0, 0, "1 invalid datagram(s)"},
		{"lost before the relay", func(m *Measure) { m.Relay.Spans = 8 }, 2, 0, "2 span(s) or datagram(s) lost"},
		{"lost before xraylocal", func(m *Measure) { m.XRay.Datagrams, m.XRay.Documents = 4, 4 }, 1, 0, "1 span(s) or datagram(s) lost"},
		{"explained: xraylocal fell behind", func(m *Measure) { m.XRay.Overflow, m.XRay.Documents = 1, 4 }, 0, 1, ""},
		{"explained: the exporter dropped", func(m *Measure) { m.ExporterDropped = 3 }, 0, 1, ""},
		{"Datadog-only spans are not X-Ray's", func(m *Measure) { m.Exported, m.DatadogOnly = 9, 2 }, 0, 0, ""},
		{"Datadog clean", func(m *Measure) {
			m.Datadog = &DatadogMeasure{Produced: 4, Sent: 4, Agent: ddlocal.Stats{Spans: 4, Payloads: 2}}
		}, 0, 0, ""},
		{"Datadog payload rejected", func(m *Measure) {
			m.Datadog = &DatadogMeasure{Produced: 4, Sent: 4, Agent: ddlocal.Stats{Spans: 4, Payloads: 2, BadPayloads: 1, LastError: "bad"}}
		}, 0, 0, "Datadog: 1 trace payload(s) rejected by ddlocal"},
		{"Datadog metric line unread", func(m *Measure) {
			m.Datadog = &DatadogMeasure{Produced: 4, Sent: 4, Agent: ddlocal.Stats{Spans: 4, BadLines: 1}}
		}, 0, 0, "Datadog: 1 DogStatsD datagram(s)"},
		{"Datadog lost on the way", func(m *Measure) { m.Datadog = &DatadogMeasure{Produced: 4, Sent: 4, Agent: ddlocal.Stats{Spans: 3}} }, 0, 0, "Datadog: 1 span(s) lost"},
		{"Datadog explained: agent unreachable, over the limit", func(m *Measure) {
			m.Datadog = &DatadogMeasure{Produced: 4, Sent: 3, Dropped: datadog.Drops{Unreachable: 1}, Agent: ddlocal.Stats{Spans: 2, DroppedSpans: 1}}
		}, 0, 0, ""},
	} {
		m := clean
		tc.edit(&m)
		by, u := m.Losses()
		p := strings.Join(m.Problems(), "; ")
		if u != tc.unexplained || len(by) != tc.reasons || (tc.fails == "") != (p == "") || !strings.Contains(p, tc.fails) {
			t.Errorf("%s: losses %v, unexplained %d, problems %q; want %d reasons, %d unexplained, %q", tc.name, by, u, p, tc.reasons, tc.unexplained, tc.fails)
		}
	}
	var b bytes.Buffer
	WriteTable(&b, clean, clean)
	if strings.Contains(b.String(), "Datadog") {
		t.Errorf("a table without a Datadog side has Datadog rows:\n%s", b.String())
	}
	dd := clean
	dd.Datadog = &DatadogMeasure{Produced: 4, Sent: 4, Agent: ddlocal.Stats{Spans: 4, Payloads: 2, MetricDatagrams: 3, Metrics: 5}}
	WriteTable(&b, dd, clean)
	for _, want := range []string{"| Datadog: spans produced / sent / received by ddlocal | 4 / 4 / 4 | - |",
		"| Datadog: payloads accepted / rejected by ddlocal | 2 / 0 | - |", "| Datadog: metric datagrams / values received (bad lines) | 3 / 5 (0) | - |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
	for _, want := range []string{"| invalid datagrams | 0 | 0 |", "| lost, unexplained | 0 | 0 |", "| datagrams sent / received by xraylocal | 5 / 5 | 5 / 5 |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
