package xraylocal

import (
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/otelxray/otelxray/segment/validate"
)

// Outcomes of a datagram, as listed with its problems.
const (
	// OutcomeDiscarded: the daemon itself drops the datagram (no header line,
	// a header it does not accept, or nothing after the header).
	OutcomeDiscarded = "discarded by the daemon"
	// OutcomeRejected: the daemon forwards it, but it is not one JSON
	// object with an id and a trace_id, so X-Ray rejects it; not assembled.
	OutcomeRejected = "rejected by X-Ray"
	// OutcomeKept: assembled into its trace, marked with its problems.
	OutcomeKept = "kept"
	// OutcomeStrict: left out because of WithStrict.
	OutcomeStrict = "left out (strict)"
	// OutcomeLimit: left out because its trace reached its span limit.
	OutcomeLimit = "left out (limit)"
)

// maxProblemText bounds the field and message of a listed problem.
const maxProblemText = 400

// Problem is one rule broken by a datagram or document, as listed by
// [Server.Problems], GET /api/problems and the UI.
type Problem struct {
	// Seq numbers problems from 1; Datagram numbers datagrams from 1.
	Seq      uint64    `json:"seq"`
	Datagram uint64    `json:"datagram"`
	Time     time.Time `json:"time"`
	// From is the sender's address, empty for [Server.Receive].
	From string `json:"from,omitempty"`
	// TraceID, DocID and Name identify the document, when it could be read.
	TraceID string `json:"trace_id,omitempty"`
	DocID   string `json:"doc_id,omitempty"`
	Name    string `json:"name,omitempty"`
	// Problem is the rule broken, with its field and message: a rule of
	// package segment/validate, or one of xraylocal's own: "limit" (a
	// trace's span limit) and "depth" (nesting deeper than 256 levels).
	validate.Problem
	// Outcome says what became of the document: one of the Outcome
	// constants.
	Outcome string `json:"outcome"`
}

// String formats p on one line, as validate.Problem does, followed by where
// it was found and what became of the document:
// "field: msg [rule] (trace T, doc D, from A, datagram N; outcome)".
func (p Problem) String() string {
	var b strings.Builder
	if p.Field != "" {
		b.WriteString(p.Field + ": ")
	}
	b.WriteString(p.Msg + " [" + string(p.Rule) + "] (")
	if p.TraceID != "" {
		b.WriteString("trace " + p.TraceID + ", ")
	}
	if p.DocID != "" {
		b.WriteString("doc " + p.DocID + ", ")
	}
	if p.From != "" {
		b.WriteString("from " + p.From + ", ")
	}
	fmt.Fprintf(&b, "datagram %d; %s)", p.Datagram, p.Outcome)
	return b.String()
}

// problemRing keeps the newest problems.
type problemRing struct {
	buf   []Problem
	next  int // index of the next write once full
	total uint64
}

func (r *problemRing) add(p Problem, capacity int) Problem {
	r.total++
	p.Seq = r.total
	p.Field = clip(p.Field, maxProblemText)
	p.Msg = clip(p.Msg, maxProblemText)
	if len(r.buf) < capacity {
		r.buf = append(r.buf, p)
		return p
	}
	r.buf[r.next] = p
	r.next = (r.next + 1) % len(r.buf)
	return p
}

// list returns the problems kept, oldest first.
func (r *problemRing) list() []Problem {
	out := make([]Problem, 0, len(r.buf))
	out = append(out, r.buf[r.next:]...)
	return append(out, r.buf[:r.next]...)
}

// clip cuts s to at most n bytes on a rune boundary, marking the cut.
func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := n
	for i > 0 && !utf8.RuneStart(s[i]) {
		i--
	}
	return s[:i] + "…"
}
