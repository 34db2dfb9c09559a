package xraylocal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment/validate"
)

// maxIssuesPerSpan bounds the problems attached to a document's top span.
const maxIssuesPerSpan = 20

// xraylocal's own rules, beside the validator's.
const (
	ruleDepth validate.Rule = "depth" // nesting deeper than maxDepth
	ruleLimit validate.Rule = "limit" // a trace's span limit
)

// Receive processes one datagram as if it had arrived over UDP (it is not
// forwarded): the daemon's header check, validate.Datagram, assembly. It
// returns once the datagram is accounted for in [Server.Stats].
func (s *Server) Receive(datagram []byte) {
	s.process(append([]byte(nil), datagram...), "", s.cfg.now())
}

// process handles one datagram: the daemon's checks, validate.Datagram,
// assembly, and the outputs. It never panics on hostile input.
func (s *Server) process(b []byte, from string, now time.Time) {
	if prefix, payload, ok := otlpPrefix(b); ok {
		s.processOTLP(b, prefix, payload, from, now) // OTLP: converted, then back here per document
		return
	}
	var problems []validate.Problem
	var verr *validate.Error
	header, body, hasBody := splitDatagram(b)
	// Nesting is bounded before anything decodes the document.
	tooDeep := jsonDepth(body, maxJSONDepth) > maxJSONDepth
	var m map[string]any
	if tooDeep {
		problems = append(problems, validate.Problem{Rule: ruleDepth,
			Msg: fmt.Sprintf("the document nests objects and arrays more than %d levels deep; it is left out without being decoded or validated", maxJSONDepth)})
	} else {
		if err := validate.Datagram(b); errors.As(err, &verr) {
			problems = verr.Problems
		}
		m = decodeDocument(body)
	}
	var ctx docContext
	if !tooDeep {
		ctx = firstObject(body, m)
	}

	outcome := OutcomeKept
	var p *parsed
	switch {
	case tooDeep:
		outcome = OutcomeLimit
	case !hasBody || !daemonAccepts(header):
		outcome = OutcomeDiscarded
		if !hasRule(problems, validate.RuleHeader, validate.RuleOneDocument) {
			problems = append(problems, validate.Problem{Rule: validate.RuleHeader,
				Msg: fmt.Sprintf("the daemon discards this datagram: it needs the header line %s, a newline and one document", wire.Header[:len(wire.Header)-1])})
		}
	case m == nil:
		outcome = OutcomeRejected
	case s.cfg.strict && len(problems) > 0:
		outcome = OutcomeStrict
	default:
		p = parseDocument(m)
		if p.top.span.ID == "" || p.traceID == "" {
			outcome, p = OutcomeRejected, nil
		}
	}
	if p != nil && p.tooDeep {
		problems = append(problems, validate.Problem{Rule: ruleDepth, Field: "subsegments",
			Msg: fmt.Sprintf("subsegments nested deeper than %d levels are left out", maxDepth)})
	}
	if p != nil {
		p.top.span.Problems = issues(problems)
	}

	var raw []byte
	if p != nil {
		raw = documentBytes(body, problems)
	}

	// Assemble first; count last, once the outputs are written, so that a
	// waiter that sees the counters also sees the outputs.
	s.st.mu.Lock()
	s.st.seq++
	seq := s.st.seq
	if p != nil {
		if why := s.st.addLocked(p, raw, len(problems), now); why != "" {
			outcome = OutcomeLimit
			problems = append(problems, validate.Problem{Rule: ruleLimit, Msg: why})
		}
	}
	s.st.mu.Unlock()

	listed := make([]Problem, 0, len(problems))
	for _, pr := range problems {
		listed = append(listed, Problem{
			Datagram: seq, Time: now, From: from,
			TraceID: ctx.traceID, DocID: ctx.id, Name: ctx.name,
			Problem: pr, Outcome: outcome,
		})
	}
	if s.cfg.problemOut != nil || (s.cfg.docOut != nil && outcome == OutcomeKept) {
		s.outMu.Lock()
		if s.cfg.problemOut != nil {
			for _, pr := range listed {
				fmt.Fprintln(s.cfg.problemOut, "! "+termSafe(pr.String()))
			}
		}
		if s.cfg.docOut != nil && outcome == OutcomeKept {
			_, _ = s.cfg.docOut.Write(append(raw, '\n'))
		}
		s.outMu.Unlock()
	}

	s.st.mu.Lock()
	defer s.st.mu.Unlock()
	st := &s.st.stats
	st.Datagrams++
	st.Bytes += uint64(len(b))
	if verr != nil {
		st.Invalid++
	}
	switch outcome {
	case OutcomeDiscarded:
		st.Discarded++
	case OutcomeRejected, OutcomeStrict:
		st.Rejected++
	case OutcomeLimit:
		st.OverLimit++
	case OutcomeKept:
		st.Documents++
	}
	for _, pr := range listed {
		s.st.problems.add(pr, s.cfg.maxProblems)
	}
	s.st.bumpLocked()
}

// hasRule reports whether problems include one of the rules.
func hasRule(problems []validate.Problem, rules ...validate.Rule) bool {
	for _, p := range problems {
		for _, r := range rules {
			if p.Rule == r {
				return true
			}
		}
	}
	return false
}

// issues converts the first problems for a span.
func issues(problems []validate.Problem) []validate.Problem {
	if len(problems) == 0 {
		return nil
	}
	out := make([]validate.Problem, 0, min(len(problems), maxIssuesPerSpan))
	for _, p := range problems[:min(len(problems), maxIssuesPerSpan)] {
		out = append(out, validate.Problem{Rule: p.Rule, Field: clip(p.Field, maxProblemText), Msg: clip(p.Msg, maxProblemText)})
	}
	return out
}

// docContext identifies a document in the problems list.
type docContext struct{ id, traceID, name string }

// firstObject reads the id, trace_id and name of the document, or of the
// first JSON object in body when body is not exactly one document.
func firstObject(body []byte, m map[string]any) docContext {
	if m == nil {
		dec := json.NewDecoder(bytes.NewReader(body))
		dec.UseNumber()
		if dec.Decode(&m) != nil {
			return docContext{}
		}
	}
	return docContext{
		id:      clip(str(m, "id"), 64),
		traceID: clip(str(m, "trace_id"), 64),
		name:    clip(str(m, "name"), 200),
	}
}

// documentBytes returns body as compact JSON with invalid UTF-8 replaced,
// so that it can be embedded in JSON output and written as one line. When
// validate.Datagram found the body compact and valid UTF-8, it is used as is.
func documentBytes(body []byte, problems []validate.Problem) []byte {
	if !hasRule(problems, validate.RuleCompact, validate.RuleUTF8, validate.RuleOneDocument) {
		return body
	}
	var buf bytes.Buffer
	if err := json.Compact(&buf, body); err != nil {
		buf.Reset()
		buf.Write(body)
	}
	return bytes.ToValidUTF8(buf.Bytes(), []byte("\uFFFD"))
}
