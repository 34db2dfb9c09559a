package xraylocal

import (
	"encoding/base64"
	"encoding/json"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/wire"
)

// FuzzOTLPDatagram feeds arbitrary protobuf bytes behind the OTLP prefix:
// the datagram counts once, nothing panics, and what is kept assembles into
// trees, maps and JSON like any trace.
func FuzzOTLPDatagram(f *testing.F) {
	for _, g := range otlpDatagrams(lambdaSpans()) {
		raw, err := base64.StdEncoding.DecodeString(string(g[len(wire.Header)+3:]))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(raw, false)
		f.Add(raw[:len(raw)/2], true)
	}
	f.Add([]byte{0x0a, 0x02, 0x12, 0x00}, false)
	f.Fuzz(func(t *testing.T, raw []byte, unsampled bool) {
		s, clk := newTestServer(t, WithMaxSpansPerTrace(200), WithMaxTraces(20))
		prefix := wire.PrefixSampled
		if unsampled {
			prefix = wire.PrefixUnsampled
		}
		s.Receive([]byte(wire.Header + prefix + base64.StdEncoding.EncodeToString(raw)))
		clk.advance(time.Hour)
		s.checkComplete(clk.Now())
		if st := s.Stats(); st.Datagrams != 1 {
			t.Fatalf("datagrams %d, want 1: %+v", st.Datagrams, st)
		}
		for _, sum := range s.Traces("") {
			tr, ok := s.Trace(sum.ID)
			if !ok || tr.Format != FormatOTLP {
				t.Fatalf("trace %s: held %v, format %q", sum.ID, ok, tr.Format)
			}
			if _, err := json.Marshal(tr); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := json.Marshal(s.ServiceMap()); err != nil {
			t.Fatal(err)
		}
	})
}
