package xraylocal

import (
	"fmt"
	"slices"
	"strings"
	"testing"
)

// hostileDocs are documents that cost far more decoded than on the wire,
// each just under the datagram limit, with trace ids from id(i).
var hostileDocs = []struct {
	name string
	doc  func(i int) string
}{
	{"zeros in metadata", func(i int) string {
		return docWith(i, 1, `"metadata":{"default":{"z":[`+strings.Repeat("0,", 10000)+`0]}}`)
	}},
	{"nested metadata", func(i int) string {
		return docWith(i, 1, `"metadata":{"default":{"z":`+strings.Repeat(`{"a":`, 9000)+"0"+strings.Repeat("}", 9000)+`}}`)
	}},
	{"many keys in annotations", func(i int) string {
		var b strings.Builder
		for k := range 1500 {
			fmt.Fprintf(&b, `"k%d":1,`, k)
		}
		return docWith(i, 1, `"annotations":{`+strings.TrimSuffix(b.String(), ",")+`}`)
	}},
	{"many small subsegments", func(i int) string {
		var subs []string
		for k := range 300 {
			subs = append(subs, fmt.Sprintf(`{"name":"d","id":"%016x","start_time":1,"end_time":2}`, k+1))
		}
		return docWith(i, 1, `"subsegments":[`+strings.Join(subs, ",")+`]`)
	}},
	{"one trace, many documents", func(i int) string {
		return docWith(0, i+1, `"metadata":{"default":{"z":[`+strings.Repeat("0,", 10000)+`0]}}`)
	}},
}

// docWith returns a segment of trace i, id n, with extra fields.
func docWith(i, n int, extra string) string {
	return fmt.Sprintf(`{"trace_id":"1-5759e988-%024x","name":"web","id":"%016x","start_time":1,"end_time":2,%s}`, i, n, extra)
}

func TestJSONDepth(t *testing.T) {
	for _, c := range []struct {
		in   string
		want int
	}{
		{`{}`, 1},
		{`{"a":[1,{"b":[]}]}`, 4},
		{`{"a":"[[[[{{{{\"[[["}`, 1},
		{`{"a":"\\"}`, 1},
		{`[[[[[[`, 6},
		{``, 0},
	} {
		if got := jsonDepth([]byte(c.in), 100); got != c.want {
			t.Errorf("jsonDepth(%s) = %d, want %d", c.in, got, c.want)
		}
	}
	if got := jsonDepth([]byte(strings.Repeat("[", 50)), 10); got != 11 {
		t.Errorf("past the limit: %d, want 11", got)
	}
}

// TestDeepJSONLeftOut: a document nesting JSON past maxJSONDepth is left
// out, counted and listed, without being decoded.
func TestDeepJSONLeftOut(t *testing.T) {
	s, _ := newTestServer(t)
	s.Receive(dg(hostileDocs[1].doc(1)))
	st := s.Stats()
	if st.OverLimit != 1 || st.Documents != 0 || st.Traces != 0 {
		t.Errorf("stats %+v, want one document over the limit", st)
	}
	ps := s.Problems()
	if len(ps) != 1 || ps[0].Rule != ruleDepth || ps[0].Outcome != OutcomeLimit {
		t.Errorf("problems:\n%s", problemLines(ps))
	}
}

// TestTraceOverMemoryLimit: documents that would take their trace alone
// past WithMaxBytes are left out, with a limit problem; the others stay.
func TestTraceOverMemoryLimit(t *testing.T) {
	s, _ := newTestServer(t, WithMaxBytes(1<<20))
	for i := range 20 {
		s.Receive(dg(hostileDocs[4].doc(i)))
	}
	st := s.Stats()
	if st.OverLimit == 0 || st.Documents == 0 || st.Memory > 1<<20 {
		t.Errorf("stats %+v, want some documents kept, some over the limit, memory within it", st)
	}
	if !slices.ContainsFunc(s.Problems(), func(p Problem) bool {
		return p.Rule == ruleLimit && strings.Contains(p.Msg, "over the memory limit")
	}) {
		t.Errorf("no limit problem:\n%s", problemLines(s.Problems()))
	}
}
