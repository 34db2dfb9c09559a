package xraylocal

import (
	"bytes"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"
)

// shopTrees returns the trees of every trace held, by trace id.
func shopTrees(t *testing.T, s *Server) []byte {
	t.Helper()
	var ids []string
	for _, sum := range s.Traces("") {
		ids = append(ids, sum.ID)
	}
	slices.Sort(ids)
	var b bytes.Buffer
	for _, id := range ids {
		tr, _ := s.Trace(id)
		if err := tr.WriteTree(&b); err != nil {
			t.Fatal(err)
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// permutations calls f with every ordering of docs.
func permutations(docs []string, f func([]string)) {
	var perm func(k int)
	perm = func(k int) {
		if k == len(docs) {
			f(slices.Clone(docs))
			return
		}
		for i := k; i < len(docs); i++ {
			docs[k], docs[i] = docs[i], docs[k]
			perm(k + 1)
			docs[k], docs[i] = docs[i], docs[k]
		}
	}
	perm(0)
}

// TestAssembleAnyOrder assembles the shop documents (nested subsegments, an
// independent subsegment, a segment called through a remote subsegment, an
// in-progress document and its complete version, a Lambda orphan) in every
// order of arrival, and expects the same trees and the same map each time.
func TestAssembleAnyOrder(t *testing.T) {
	docs := readLines(t, "shop.jsonl")
	s, _ := newTestServer(t)
	receiveAll(s, docs)
	want := shopTrees(t, s)
	golden(t, "shop.trees.txt", want)
	wantMap := s.ServiceMap().String()

	n := 0
	permutations(docs, func(order []string) {
		n++
		s, _ := newTestServer(t)
		receiveAll(s, order)
		// The complete "web" document wins over the in-progress one
		// whatever their order.
		if got := shopTrees(t, s); !bytes.Equal(got, want) {
			t.Fatalf("order %d: trees differ:\n%s\nwant:\n%s", n, got, want)
		}
		if got := s.ServiceMap().String(); got != wantMap {
			t.Fatalf("order %d: map differs:\n%s\nwant:\n%s", n, got, wantMap)
		}
	})
	if n != 720 {
		t.Fatalf("%d orders tried", n)
	}
}

const (
	tid      = "1-5759e988-bd862e3fe1be46a994272793"
	segIP    = `{"trace_id":"` + tid + `","name":"web","id":"a000000000000001","start_time":1700000000,"in_progress":true}`
	segDone  = `{"trace_id":"` + tid + `","name":"web","id":"a000000000000001","start_time":1700000000,"end_time":1700000000.5}`
	subIP    = `{"type":"subsegment","trace_id":"` + tid + `","parent_id":"a000000000000001","name":"work","id":"b000000000000001","start_time":1700000000.1,"in_progress":true}`
	subDone  = `{"type":"subsegment","trace_id":"` + tid + `","parent_id":"a000000000000001","name":"work","id":"b000000000000001","start_time":1700000000.1,"end_time":1700000000.3}`
	segNests = `{"trace_id":"` + tid + `","name":"web","id":"a000000000000001","start_time":1700000000,"end_time":1700000000.5,` +
		`"subsegments":[{"name":"work","id":"b000000000000001","start_time":1700000000.1,"end_time":1700000000.3}]}`
	segNestsIP = `{"trace_id":"` + tid + `","name":"web","id":"a000000000000001","start_time":1700000000,"in_progress":true,` +
		`"subsegments":[{"name":"work","id":"b000000000000001","start_time":1700000000.1,"in_progress":true}]}`
)

// TestInProgress checks that complete documents replace in-progress ones
// by id, in whatever order and whether nested or independent.
func TestInProgress(t *testing.T) {
	cases := []struct {
		name       string
		docs       []string
		spans      int
		inProgress bool
		tree       string
		// independent: the child "work" kept is the one sent on its own.
		independent bool
	}{
		{"segment in progress", []string{segIP}, 1, true, "└─ web  still running  service  IN PROGRESS\n", false},
		{"in progress then complete", []string{segIP, segDone}, 1, false, "└─ web  500ms long  service\n", false},
		{"complete then late in-progress", []string{segDone, segIP}, 1, false, "└─ web  500ms long  service\n", false},
		{"independent in progress, then nested complete", []string{subIP, segNests}, 2, false,
			"└─ web  500ms long  service\n   └─ work  +100ms start, 200ms long  step\n", false},
		{"nested in progress, then independent complete, then parent", []string{segNestsIP, subDone, segDone}, 2, false,
			"└─ web  500ms long  service\n   └─ work  +100ms start, 200ms long  step\n", true},
		{"nested in progress, then parent complete without it", []string{segNestsIP, segDone}, 1, false,
			"└─ web  500ms long  service\n", false},
		{"parent in progress, child complete", []string{segIP, subDone}, 2, true,
			"└─ web  still running  service  IN PROGRESS\n   └─ work  +100ms start, 200ms long  step\n", true},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			receiveAll(s, c.docs)
			tr, ok := s.Trace(tid)
			if !ok {
				t.Fatal("no trace")
			}
			if tr.Spans != c.spans || tr.InProgress != c.inProgress {
				t.Errorf("spans %d in progress %v, want %d %v", tr.Spans, tr.InProgress, c.spans, c.inProgress)
			}
			var b strings.Builder
			_ = tr.WriteTree(&b)
			_, tree, _ := strings.Cut(b.String(), "\n")
			if tree != c.tree {
				t.Errorf("tree:\n%s\nwant:\n%s", tree, c.tree)
			}
			if c.spans == 2 && (len(tr.Roots) != 1 || len(tr.Roots[0].Children) != 1 || tr.Roots[0].Children[0].Independent != c.independent) {
				t.Errorf("the child is not the one sent %s", map[bool]string{true: "on its own", false: "nested"}[c.independent])
			}
		})
	}
}

// TestCompletion checks when traces are reported complete: after the settle
// time, never while in progress, and with an orphan only after the orphan
// timeout or once its parent arrives.
func TestCompletion(t *testing.T) {
	settle, orphan := 500*time.Millisecond, 2*time.Second
	var out bytes.Buffer
	s, clk := newTestServer(t, WithSettle(settle), WithOrphanTimeout(orphan), WithTraceOutput(&out))
	completed := func() uint64 { return s.Stats().Completed }

	s.Receive(dg(segIP))
	clk.advance(10 * time.Second)
	s.checkComplete(clk.Now())
	if completed() != 0 {
		t.Fatal("an in-progress trace was reported complete")
	}
	s.Receive(dg(segDone))
	s.checkComplete(clk.Now())
	if completed() != 0 {
		t.Fatal("reported before the settle time")
	}
	clk.advance(settle)
	s.checkComplete(clk.Now())
	if completed() != 1 {
		t.Fatal("not reported after the settle time")
	}
	s.checkComplete(clk.Now())
	if completed() != 1 {
		t.Fatal("reported twice without a change")
	}
	if sum := s.Traces("")[0]; !sum.Complete {
		t.Error("summary not marked complete")
	}

	// An orphan waits for its parent...
	orphanDoc := `{"type":"subsegment","trace_id":"1-6759e988-0d862e3fe1be46a994272794","parent_id":"c000000000000001","name":"handler","id":"d000000000000001","start_time":1,"end_time":2}`
	parentDoc := `{"trace_id":"1-6759e988-0d862e3fe1be46a994272794","name":"fn","id":"c000000000000001","start_time":1,"end_time":2}`
	s.Receive(dg(orphanDoc))
	clk.advance(settle)
	s.checkComplete(clk.Now())
	if completed() != 1 {
		t.Fatal("an orphan's trace was reported before the orphan timeout")
	}
	// ...and is reported without it after the timeout.
	clk.advance(orphan)
	s.checkComplete(clk.Now())
	if completed() != 2 || s.Stats().Orphaned != 1 {
		t.Fatalf("stats %+v: want the orphan's trace reported, orphaned", s.Stats())
	}
	// The parent arrives late: the trace is reported again, whole.
	s.Receive(dg(parentDoc))
	clk.advance(settle)
	s.checkComplete(clk.Now())
	if completed() != 3 || s.Stats().Orphaned != 1 {
		t.Fatalf("stats %+v: want the trace reported again", s.Stats())
	}
	got := out.String()
	for _, want := range []string{
		"trace 1-5759e988-bd862e3fe1be46a994272793  web  500ms long  1 span\n└─ web  500ms long  service\n",
		"└─ handler  1s long  step  (parent c000000000000001 not received; in Lambda, the function's own segment, sent by Lambda)\n",
		"(updated) trace 1-6759e988-0d862e3fe1be46a994272794  fn  1s long  2 spans\n└─ fn  1s long  service\n   └─ handler  +0s start, 1s long  step\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// TestHostileStructure feeds parent cycles, self-parents, duplicate ids and
// deep chains: every span must appear exactly once, within maxDepth.
func TestHostileStructure(t *testing.T) {
	sub := func(id, parent string) string {
		return fmt.Sprintf(`{"type":"subsegment","trace_id":"%s","parent_id":"%s","name":"n%s","id":"%s","start_time":1,"end_time":2}`, tid, parent, id, id)
	}
	var chain []string
	for i := 1; i <= 600; i++ {
		chain = append(chain, sub(fmt.Sprintf("%016x", i+1), fmt.Sprintf("%016x", i)))
	}
	deep := `{"trace_id":"` + tid + `","name":"deep","id":"e000000000000000","start_time":1,"end_time":2` +
		strings.Repeat(`,"subsegments":[{"name":"d","id":"e000000000000001","start_time":1,"end_time":2`, 300) +
		strings.Repeat("}]", 300) + "}"
	cases := []struct {
		name  string
		docs  []string
		spans int
	}{
		{"cycle", []string{sub("a000000000000001", "a000000000000002"), sub("a000000000000002", "a000000000000001")}, 2},
		{"self parent", []string{sub("a000000000000001", "a000000000000001")}, 1},
		{"long chain", chain, 600},
		{"deep nesting, one id repeated", []string{deep}, 1 + 1},
		{"duplicate nested ids", []string{`{"trace_id":"` + tid + `","name":"p","id":"a000000000000001","start_time":1,"end_time":2,"subsegments":[` +
			`{"name":"x","id":"b000000000000001","start_time":1,"end_time":2},{"name":"y","id":"b000000000000001","start_time":1,"end_time":2}]}`}, 2},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			s, _ := newTestServer(t)
			receiveAll(s, c.docs)
			tr, ok := s.Trace(tid)
			if !ok {
				t.Fatal("no trace")
			}
			seen := map[string]int{}
			maxD := 0
			tr.Walk(func(sp *Span, depth int) bool {
				seen[sp.ID]++
				maxD = max(maxD, depth)
				return true
			})
			if len(seen) != c.spans || tr.Spans != c.spans {
				t.Errorf("%d distinct spans, summary %d, want %d", len(seen), tr.Spans, c.spans)
			}
			for id, n := range seen {
				if n != 1 {
					t.Errorf("span %s appears %d times", id, n)
				}
			}
			if maxD >= maxDepth {
				t.Errorf("depth %d, limit %d", maxD, maxDepth)
			}
			_ = s.ServiceMap()
			_ = tr.WriteTree(&bytes.Buffer{})
		})
	}
}

// TestDepthProblem reports subsegments nested past the limit.
func TestDepthProblem(t *testing.T) {
	s, _ := newTestServer(t)
	var b strings.Builder
	b.WriteString(`{"trace_id":"` + tid + `","name":"deep","id":"e000000000000000","start_time":1,"end_time":2`)
	for i := 1; i <= 300; i++ {
		fmt.Fprintf(&b, `,"subsegments":[{"name":"d","id":"%016x","start_time":1,"end_time":2`, i)
	}
	b.WriteString(strings.Repeat("}]", 300) + "}")
	s.Receive(dg(b.String()))
	tr, _ := s.Trace(tid)
	if tr.Spans != maxDepth {
		t.Errorf("%d spans kept, want %d", tr.Spans, maxDepth)
	}
	if !slices.ContainsFunc(s.Problems(), func(p Problem) bool { return p.Rule == "depth" }) {
		t.Errorf("no depth problem:\n%s", problemLines(s.Problems()))
	}
}

// TestLimits checks the bounds on traces, spans per trace, problems and bytes.
func TestLimits(t *testing.T) {
	traceDoc := func(i int) string {
		return fmt.Sprintf(`{"trace_id":"1-5759e988-%024x","name":"web","id":"a000000000000001","start_time":1,"end_time":2}`, i)
	}
	t.Run("traces", func(t *testing.T) {
		s, _ := newTestServer(t, WithMaxTraces(2))
		receiveAll(s, []string{traceDoc(1), traceDoc(2), traceDoc(3), traceDoc(2)})
		st := s.Stats()
		if st.Traces != 2 || st.Evicted != 1 || st.Documents != 4 {
			t.Errorf("stats %+v", st)
		}
		if _, ok := s.Trace(fmt.Sprintf("1-5759e988-%024x", 1)); ok {
			t.Error("the oldest trace was kept")
		}
	})
	t.Run("spans per trace", func(t *testing.T) {
		s, _ := newTestServer(t, WithMaxSpansPerTrace(3))
		two := func(a, b string) string {
			return `{"trace_id":"` + tid + `","name":"p","id":"` + a + `","start_time":1,"end_time":2,"subsegments":[{"name":"c","id":"` + b + `","start_time":1,"end_time":2}]}`
		}
		receiveAll(s, []string{two("a000000000000001", "b000000000000001"), two("a000000000000002", "b000000000000002"),
			two("a000000000000001", "b000000000000003")}) // a replacement fits
		st := s.Stats()
		if st.OverLimit != 1 || st.Documents != 2 {
			t.Errorf("stats %+v", st)
		}
		if tr, _ := s.Trace(tid); tr.Spans != 2 {
			t.Errorf("%d spans", tr.Spans)
		}
		ps := s.Problems()
		if len(ps) != 1 || ps[0].Rule != "limit" || ps[0].Outcome != OutcomeLimit {
			t.Errorf("problems:\n%s", problemLines(ps))
		}
	})
	t.Run("problems", func(t *testing.T) {
		s, _ := newTestServer(t, WithMaxProblems(5))
		for i := range 12 {
			s.Receive([]byte(fmt.Sprintf("bad %d", i)))
		}
		ps := s.Problems()
		if len(ps) != 5 || s.Stats().Problems != 12 || ps[0].Seq != 8 || ps[4].Seq != 12 {
			t.Errorf("%d problems kept of %d, first %d, last %d", len(ps), s.Stats().Problems, ps[0].Seq, ps[len(ps)-1].Seq)
		}
	})
	t.Run("bytes", func(t *testing.T) {
		s, _ := newTestServer(t, WithMaxBytes(1))
		for i := range 40 {
			big := string(bigDatagram(60000))
			big = strings.Replace(big, "5759e988-bd862e3fe1be46a994272793", fmt.Sprintf("5759e988-%024x", i), 1)
			s.Receive([]byte(big))
		}
		st := s.Stats()
		if s.st.bytes > 1<<20 || st.Evicted == 0 || st.Traces+int(st.Evicted) != 40 {
			t.Errorf("bytes %d, stats %+v", s.st.bytes, st)
		}
	})
}
