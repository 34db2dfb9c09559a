package xraylocal

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// shopDatagrams returns n datagrams of the shop traces, spread over
// traces distinct traces.
func shopDatagrams(tb testing.TB, n, traces int) [][]byte {
	docs := readLines(tb, "shop.jsonl")[:4]
	out := make([][]byte, 0, n)
	for i := range n {
		d := docs[i%len(docs)]
		out = append(out, dg(strings.ReplaceAll(d, "bd862e3fe1be46a994272793", fmt.Sprintf("%024x", (i/len(docs))%traces))))
	}
	return out
}

// get calls the handler as the UI does and fails on an error status.
func apiGet(tb testing.TB, h http.Handler, path string) int {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	if rec.Code != http.StatusOK {
		tb.Errorf("GET %s: %d %s", path, rec.Code, rec.Body.String())
	}
	return rec.Body.Len()
}

// BenchmarkIngestPolled measures ingestion (Receive, over 1,000 traces)
// without API polling and with the UI's requests (the map, the trace list,
// a trace and the problems) made 5 times a second from another goroutine.
// The datagrams/s of the two should be within 5%.
func BenchmarkIngestPolled(b *testing.B) {
	for _, polls := range []int{0, 5} {
		b.Run(fmt.Sprintf("polls=%d", polls), func(b *testing.B) {
			dgs := shopDatagrams(b, 40000, 1000)
			s, _ := newTestServer(b)
			h := s.Handler()
			for _, d := range dgs[:4000] {
				s.Receive(d)
			}
			stop := make(chan struct{})
			var wg sync.WaitGroup
			if polls > 0 {
				wg.Add(1)
				go func() {
					defer wg.Done()
					tick := time.NewTicker(time.Second / time.Duration(polls))
					defer tick.Stop()
					for {
						select {
						case <-stop:
							return
						case <-tick.C:
							apiGet(b, h, "/api/servicemap")
							apiGet(b, h, "/api/traces")
							apiGet(b, h, "/api/traces/1-5759e988-"+fmt.Sprintf("%024x", 7))
							apiGet(b, h, "/api/problems?limit=300")
						}
					}
				}()
			}
			b.ReportAllocs()
			i := 0
			for b.Loop() {
				s.Receive(dgs[i%len(dgs)])
				i++
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "datagrams/s")
			close(stop)
			wg.Wait()
		})
	}
}

// BenchmarkAPIServiceMap10k measures GET /api/servicemap over 10,000
// traces right after a datagram changed one of them (the UI's case while
// traffic flows).
func BenchmarkAPIServiceMap10k(b *testing.B) {
	s, h, dgs := tenThousandTraces(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Receive(dgs[i%len(dgs)])
		i++
		apiGet(b, h, "/api/servicemap")
	}
}

// BenchmarkAPITraceList10k measures GET /api/traces over 10,000 traces
// right after a datagram changed one of them.
func BenchmarkAPITraceList10k(b *testing.B) {
	s, h, dgs := tenThousandTraces(b)
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		s.Receive(dgs[i%len(dgs)])
		i++
		apiGet(b, h, "/api/traces")
	}
}

func tenThousandTraces(b *testing.B) (*Server, http.Handler, [][]byte) {
	dgs := shopDatagrams(b, 40000, 10000)
	s, _ := newTestServer(b, WithMaxTraces(10000))
	for _, d := range dgs {
		s.Receive(d)
	}
	h := s.Handler()
	apiGet(b, h, "/api/servicemap")
	apiGet(b, h, "/api/traces")
	return s, h, dgs
}

// BenchmarkAPITrace100k measures GET /api/traces/{id} of a trace of
// 100,000 spans (250 documents of 400 subsegments, with
// WithMaxSpansPerTrace(100000)), unchanged between calls.
func BenchmarkAPITrace100k(b *testing.B) {
	s, _ := newTestServer(b, WithMaxSpansPerTrace(100_000), WithMaxBytes(1<<30))
	h := s.Handler()
	for j := range 250 {
		var subs []string
		for i := range 399 {
			subs = append(subs, fmt.Sprintf(`{"name":"DynamoDB","id":"%08x%08x","start_time":1700000000.1,"end_time":1700000000.2,"namespace":"aws","aws":{"operation":"GetItem","table_name":"orders"}}`, j+1, i+1))
		}
		doc := `{"trace_id":"` + tid + `","name":"svc","id":"` + fmt.Sprintf("a%015x", j) + `","start_time":1700000000,"end_time":1700000001,"subsegments":[` + strings.Join(subs, ",") + `]}`
		s.Receive(dg(doc))
	}
	if st := s.Stats(); st.Documents != 250 {
		b.Fatalf("%d documents kept, want 250: %+v", st.Documents, st)
	}
	b.ReportAllocs()
	var n int
	for b.Loop() {
		n = apiGet(b, h, "/api/traces/"+tid)
	}
	b.ReportMetric(float64(n), "bytes/response")
}
