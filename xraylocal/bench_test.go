package xraylocal

import (
	"fmt"
	"strings"
	"testing"
)

// BenchmarkReceive measures one typical datagram (a service's segment with
// three calls, 1.4 KB): validation, decoding and assembly.
func BenchmarkReceive(b *testing.B) {
	docs := readLines(b, "shop.jsonl")
	d := dg(docs[2])
	s, _ := newTestServer(b)
	b.SetBytes(int64(len(d)))
	b.ReportAllocs()
	for b.Loop() {
		s.Receive(d)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "datagrams/s")
}

// BenchmarkReceiveLarge measures a datagram of 64,000 bytes holding a
// segment with 400 nested subsegments.
func BenchmarkReceiveLarge(b *testing.B) {
	var subs []string
	for i := range 400 {
		subs = append(subs, fmt.Sprintf(`{"name":"DynamoDB","id":"%016x","start_time":1700000000.1,"end_time":1700000000.2,"namespace":"aws","aws":{"operation":"GetItem","table_name":"orders"}}`, i+1))
	}
	doc := `{"trace_id":"` + tid + `","name":"svc","id":"a000000000000000","start_time":1700000000,"end_time":1700000001,"subsegments":[` + strings.Join(subs, ",") + `]}`
	d := dg(doc)
	s, _ := newTestServer(b)
	b.SetBytes(int64(len(d)))
	b.ReportAllocs()
	for b.Loop() {
		s.Receive(d)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "datagrams/s")
}

// BenchmarkServiceMap measures building the map over 1,000 traces of 8
// spans each (the UI asks for it after every change).
func BenchmarkServiceMap(b *testing.B) {
	docs := readLines(b, "shop.jsonl")
	s, _ := newTestServer(b, WithMaxTraces(1000))
	for i := range 1000 {
		for _, d := range docs[:4] {
			s.Receive(dg(strings.ReplaceAll(d, "bd862e3fe1be46a994272793", fmt.Sprintf("%024x", i))))
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		s.st.mu.Lock()
		s.st.mapCache = nil
		for _, tr := range s.st.traces {
			tr.cache = nil
		}
		s.st.mu.Unlock()
		_ = s.ServiceMap()
	}
	b.ReportMetric(1000*float64(b.N)/b.Elapsed().Seconds(), "traces/s")
}
