package loadgen

import (
	"bytes"
	"strings"
	"testing"

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
	for _, want := range []string{"| invalid datagrams | 0 | 0 |", "| lost, unexplained | 0 | 0 |", "| datagrams sent / received by xraylocal | 5 / 5 | 5 / 5 |"} {
		if !strings.Contains(b.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, b.String())
		}
	}
}
