package xraylocal

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"strings"
	"testing"
	"time"
)

// FuzzReceive feeds arbitrary bytes to the daemon, as one datagram and as
// one document per line, then exercises everything that reads the result:
// assembly, completion, the tree, the map, the SVG and the JSON API types.
// Nothing may panic, the JSON must encode, and the SVG must be well-formed
// XML.
func FuzzReceive(f *testing.F) {
	for _, line := range readLines(f, "shop.jsonl") {
		f.Add([]byte(line))
	}
	f.Add([]byte(strings.Join(readLines(f, "shop.jsonl"), "\n")))
	f.Add([]byte(validDoc))
	f.Add(dg(validDoc + validDoc))
	f.Add([]byte(`{"format":"json","version":1}` + "\r\n" + validDoc))
	f.Add([]byte(`{"type":"subsegment","trace_id":"1-5759e988-bd862e3fe1be46a994272793","parent_id":"a000000000000002","name":"x","id":"a000000000000001","start_time":1,"end_time":2}` + "\n" +
		`{"type":"subsegment","trace_id":"1-5759e988-bd862e3fe1be46a994272793","parent_id":"a000000000000001","name":"y","id":"a000000000000002","start_time":1,"in_progress":true}`))
	f.Add([]byte(`{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"<&>","id":"a","start_time":-1,"end_time":1e400,"subsegments":[{"id":"b","namespace":"aws","aws":{"table_names":[1,"t"]},"http":{"request":{"url":"%%"}}},7]}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		s, clk := newTestServer(t, WithMaxSpansPerTrace(200), WithMaxTraces(20))
		s.Receive(b)
		for _, line := range bytes.Split(b, []byte("\n")) {
			s.Receive(dg(string(line)))
		}
		clk.advance(time.Hour)
		s.checkComplete(clk.Now())
		st := s.Stats()
		if st.Datagrams != uint64(1+bytes.Count(b, []byte("\n"))+1) {
			t.Fatalf("datagrams %d", st.Datagrams)
		}
		if st.Documents+st.Discarded+st.Rejected+st.OverLimit != st.Datagrams {
			t.Fatalf("outcomes do not add up: %+v", st)
		}
		for _, sum := range s.Traces("error fault") {
			_ = sum
		}
		for _, sum := range s.Traces("") {
			tr, ok := s.Trace(sum.ID)
			if !ok {
				t.Fatalf("trace %q listed but not found", sum.ID)
			}
			if err := tr.WriteTree(io.Discard); err != nil {
				t.Fatal(err)
			}
			if _, err := json.Marshal(tr); err != nil {
				t.Fatalf("trace does not encode: %v", err)
			}
		}
		m := s.ServiceMap()
		if _, err := json.Marshal(m); err != nil {
			t.Fatalf("map does not encode: %v", err)
		}
		_ = m.String()
		var svg bytes.Buffer
		if err := m.WriteSVG(&svg); err != nil {
			t.Fatal(err)
		}
		dec := xml.NewDecoder(&svg)
		for {
			if _, err := dec.Token(); err == io.EOF {
				break
			} else if err != nil {
				t.Fatalf("SVG is not well-formed: %v", err)
			}
		}
		if _, err := json.Marshal(s.Problems()); err != nil {
			t.Fatalf("problems do not encode: %v", err)
		}
	})
}
