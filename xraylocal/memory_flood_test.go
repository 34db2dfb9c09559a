//go:build !race

// The race detector slows the flood tenfold; the test runs without it.

package xraylocal

import (
	"runtime"
	"testing"
)

// liveHeap returns the bytes of live heap after a full collection.
func liveHeap() int64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return int64(m.HeapAlloc)
}

// TestMaxBytesBoundsLiveHeap floods a server with documents that are
// large once decoded and checks that the live heap stays within
// WithMaxBytes plus a fixed overhead (the problems list, the caches of the
// API, the runtime).
func TestMaxBytesBoundsLiveHeap(t *testing.T) {
	if testing.Short() {
		t.Skip("floods 15 MB of documents; skipped with -short")
	}
	const limit = 1 << 20
	const overhead = 3 << 20
	for _, h := range hostileDocs {
		t.Run(h.name, func(t *testing.T) {
			base := liveHeap()
			s, _ := newTestServer(t, WithMaxBytes(limit), WithMaxTraces(100000), WithMaxSpansPerTrace(1<<20))
			var sent int
			for i := 0; sent < 3*limit; i++ {
				d := dg(h.doc(i))
				if len(d) > 64000 {
					t.Fatalf("datagram of %d bytes", len(d))
				}
				s.Receive(d)
				sent += len(d)
			}
			_ = s.ServiceMap()
			_ = s.Traces("")
			live := liveHeap() - base
			st := s.Stats()
			t.Logf("%s: live heap %.1f MB, estimate %.1f MB, %d traces, %d documents, %d evicted, %d over limit",
				h.name, float64(live)/(1<<20), float64(st.Memory)/(1<<20), st.Traces, st.Documents, st.Evicted, st.OverLimit)
			if live > limit+overhead {
				t.Errorf("live heap %d bytes, over the limit %d plus %d", live, limit, overhead)
			}
			runtime.KeepAlive(s)
		})
	}
}
