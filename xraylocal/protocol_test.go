package xraylocal

import (
	"slices"
	"strings"
	"testing"

	"github.com/otelxray/otelxray/internal/wire"
)

// validDoc is a minimal valid segment.
const validDoc = `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","id":"a000000000000001","start_time":1700000000,"end_time":1700000000.5}`

// bigDatagram returns a valid document padded so that header plus document
// are exactly n bytes.
func bigDatagram(n int) []byte {
	head := wire.Header + `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"big","id":"a000000000000009","start_time":1700000000,"end_time":1700000000.5,"metadata":{"default":{"pad":"`
	tail := `"}}}`
	return []byte(head + strings.Repeat("x", n-len(head)-len(tail)) + tail)
}

// TestProtocol feeds the edge cases of the daemon's UDP protocol and checks
// what the daemon would do with each (drop, forward to X-Ray which rejects
// it, or accept), and which rules are reported.
func TestProtocol(t *testing.T) {
	h := wire.Header
	cases := []struct {
		name      string
		in        []byte
		rules     []string // distinct rules reported, sorted
		outcome   string   // of the problems; "" when none
		documents uint64
		dropped   uint64
		rejected  uint64
	}{
		{name: "valid", in: []byte(h + validDoc), documents: 1},
		{name: "no header", in: []byte(validDoc), rules: []string{"header"}, outcome: OutcomeDiscarded, dropped: 1},
		// Split at its first newline, the document is a broken header and a
		// broken body: both are reported, though the daemon drops it.
		{name: "no header, pretty-printed document", in: []byte("{\n  \"name\": \"web\"\n}"), rules: []string{"header", "one-document"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "bad header: format", in: []byte(`{"format":"xml","version":1}` + "\n" + validDoc), rules: []string{"header"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "bad header: version 2", in: []byte(`{"format":"json","version":2}` + "\n" + validDoc), rules: []string{"header"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "bad header: not JSON", in: []byte("hello\n" + validDoc), rules: []string{"header"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "header only", in: []byte(h), rules: []string{"one-document"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "header without newline", in: []byte(strings.TrimSuffix(h, "\n")), rules: []string{"header", "one-document"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "empty datagram", in: []byte{}, rules: []string{"header"}, outcome: OutcomeDiscarded, dropped: 1},
		{name: "two documents in one datagram", in: []byte(h + validDoc + validDoc), rules: []string{"one-document"}, outcome: OutcomeRejected, rejected: 1},
		{name: "two documents on two lines", in: []byte(h + validDoc + "\n" + validDoc), rules: []string{"one-document"}, outcome: OutcomeRejected, rejected: 1},
		{name: `\r\n after the header`, in: []byte(strings.TrimSuffix(h, "\n") + "\r\n" + validDoc), documents: 1},
		// The daemon decodes the header with encoding/json: key case and
		// extra keys do not matter to it, so it forwards the document, but
		// the header breaks the rule.
		{name: "header the daemon accepts, not as written", in: []byte(`{"Format":"JSON","version":1}` + "\n" + validDoc), rules: []string{"header"}, outcome: OutcomeKept, documents: 1},
		// 65,507 bytes is the largest UDP payload: the daemon reads it whole
		// (64 KiB reads), but it is over the 64,000 bytes segment allows.
		{name: "65,507-byte datagram", in: bigDatagram(65507), rules: []string{"size"}, outcome: OutcomeKept, documents: 1},
		{name: "invalid JSON", in: []byte(h + `{"name":"web","id":`), rules: []string{"json"}, outcome: OutcomeRejected, rejected: 1},
		{name: "NaN", in: []byte(h + strings.Replace(validDoc, "1700000000.5", "NaN", 1)), rules: []string{"json"}, outcome: OutcomeRejected, rejected: 1},
		{name: "not an object", in: []byte(h + `[1,2]`), rules: []string{"one-document"}, outcome: OutcomeRejected, rejected: 1},
		{name: "no trace_id", in: []byte(h + `{"name":"web","id":"a000000000000001","start_time":1,"end_time":2}`), rules: []string{"independent"}, outcome: OutcomeRejected, rejected: 1},
		{name: "no id", in: []byte(h + `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","start_time":1,"end_time":2}`), rules: []string{"required"}, outcome: OutcomeRejected, rejected: 1},
		{name: "breaks rules but assemblable", in: []byte(h + strings.Replace(validDoc, `"a000000000000001"`, `"A000000000000001"`, 1)), rules: []string{"id"}, outcome: OutcomeKept, documents: 1},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			s.Receive(c.in)
			st := s.Stats()
			if st.Datagrams != 1 || st.Bytes != uint64(len(c.in)) {
				t.Errorf("datagrams %d bytes %d, want 1 and %d", st.Datagrams, st.Bytes, len(c.in))
			}
			if st.Documents != c.documents || st.Discarded != c.dropped || st.Rejected != c.rejected {
				t.Errorf("documents/dropped/rejected = %d/%d/%d, want %d/%d/%d",
					st.Documents, st.Discarded, st.Rejected, c.documents, c.dropped, c.rejected)
			}
			var rules []string
			for _, p := range s.Problems() {
				if !slices.Contains(rules, string(p.Rule)) {
					rules = append(rules, string(p.Rule))
				}
				if p.Outcome != c.outcome {
					t.Errorf("problem %q has outcome %q, want %q", p, p.Outcome, c.outcome)
				}
				if p.Datagram != 1 || p.Msg == "" {
					t.Errorf("problem %+v: want datagram 1 and a message", p)
				}
			}
			slices.Sort(rules)
			if !slices.Equal(rules, c.rules) {
				t.Errorf("rules %q, want %q; problems:\n%s", rules, c.rules, problemLines(s.Problems()))
			}
			if wantInvalid := uint64(0); len(c.rules) > 0 {
				wantInvalid = 1
				if st.Invalid != wantInvalid {
					t.Errorf("invalid = %d, want %d", st.Invalid, wantInvalid)
				}
			}
		})
	}
}

func problemLines(ps []Problem) string {
	var b strings.Builder
	for _, p := range ps {
		b.WriteString(p.String() + "\n")
	}
	return b.String()
}

// TestProtocolField checks that a problem names the field and the document.
func TestProtocolField(t *testing.T) {
	s, _ := newTestServer(t)
	doc := `{"trace_id":"1-5759e988-bd862e3fe1be46a994272793","name":"web","id":"a000000000000001","start_time":1,"end_time":2,` +
		`"subsegments":[{"name":"DynamoDB","id":"b000000000000001","start_time":1,"end_time":2,"namespace":"dynamo"}]}`
	s.Receive(dg(doc))
	ps := s.Problems()
	if len(ps) != 1 {
		t.Fatalf("problems:\n%s", problemLines(ps))
	}
	p := ps[0]
	if p.Rule != "namespace" || p.Field != "subsegments[0].namespace" || p.TraceID != "1-5759e988-bd862e3fe1be46a994272793" ||
		p.DocID != "a000000000000001" || p.Name != "web" || p.Outcome != OutcomeKept {
		t.Errorf("problem %+v", p)
	}
	tr, ok := s.Trace("1-5759e988-bd862e3fe1be46a994272793")
	if !ok || len(tr.Roots) != 1 || len(tr.Roots[0].Problems) != 1 || tr.Problems != 1 {
		t.Fatalf("trace %+v: want the problem on its root span", tr)
	}
	if got := tr.Roots[0].Problems[0]; got.Rule != "namespace" || got.Field != "subsegments[0].namespace" {
		t.Errorf("span problem %+v", got)
	}
}

// TestStrict leaves documents with problems out.
func TestStrict(t *testing.T) {
	s, _ := newTestServer(t, WithStrict())
	s.Receive(dg(strings.Replace(validDoc, `"a000000000000001"`, `"A000000000000001"`, 1)))
	s.Receive(dg(validDoc))
	st := s.Stats()
	if st.Documents != 1 || st.Rejected != 1 {
		t.Errorf("documents %d rejected %d, want 1 and 1", st.Documents, st.Rejected)
	}
	if ps := s.Problems(); len(ps) != 1 || ps[0].Outcome != OutcomeStrict {
		t.Errorf("problems:\n%s", problemLines(ps))
	}
}

func TestDaemonAccepts(t *testing.T) {
	for in, want := range map[string]bool{
		`{"format":"json","version":1}`:          true,
		`{"format":"JSON","version":1}`:          true,
		`{"FORMAT":"json","Version":1,"x":[1]}`:  true,
		` {"version":1,"format":"json"} ` + "\r": true,
		`{"format":"json","version":1.0}`:        false,
		`{"format":"json","version":"1"}`:        false,
		`{"format":"json"}`:                      false,
		`{"format":"json","version":1}x`:         false,
		`["format","json"]`:                      false,
		``:                                       false,
		// encoding/json keeps "json" when the repeated key has the wrong type.
		`{"format":"json","version":1,"format":1}`: true,
	} {
		if got := daemonAccepts([]byte(in)); got != want {
			t.Errorf("daemonAccepts(%q) = %v, want %v", in, got, want)
		}
	}
}
