package xraylocal

import (
	"fmt"
	"io"
	"math"
	"strings"
	"time"
)

// WriteTree writes t as a tree, one span per line, with each span's start
// relative to the trace's and its duration, its kind (service, step, call,
// AWS call), what it served or called (AWS operation and resource, HTTP
// method, URL and status, SQL), its flags (ERROR, THROTTLE, FAULT, IN
// PROGRESS), its first exception, and the problems of its document.
// [TreeLegend] explains the lines to a reader who does not know X-Ray. Text
// from the documents is escaped for a terminal (controls, bidi and other
// format characters, invalid UTF-8 become \x1b, \u202e ...), so each span is
// one line. For example:
//
//	trace 1-5759e988-bd862e3fe1be46a994272793  web  45ms long  3 spans  FAULT
//	└─ web  45ms long  service  GET http://web/checkout status 500  FAULT
//	   └─ orders  +2ms start, 40ms long  call  GET http://orders/ status 503  FAULT
func (t *Trace) WriteTree(w io.Writer) error {
	var b strings.Builder
	head := fmt.Sprintf("trace %s  %s  %s long  %s", t.ID, t.Root, fmtDur(seconds(t.End-t.Start)), plural(t.Spans, "span"))
	if f := flags(t.Error, t.Throttle, t.Fault, t.InProgress); f != "" {
		head += "  " + f
	}
	if t.Problems > 0 {
		head += "  ! " + plural(t.Problems, "problem")
	}
	b.WriteString(termSafe(head) + "\n")
	var walk func(s *Span, prefix string, last bool, depth int)
	walk = func(s *Span, prefix string, last bool, depth int) {
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		b.WriteString(prefix + branch + termSafe(spanLine(s, t.Start, depth == 0)) + "\n")
		for i, c := range s.Children {
			walk(c, prefix+next, i == len(s.Children)-1, depth+1)
		}
	}
	for i, r := range t.Roots {
		walk(r, "", i == len(t.Roots)-1, 0)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// spanLine describes one span for the tree.
func spanLine(s *Span, traceStart float64, root bool) string {
	parts := []string{s.Name}
	dur := fmtDur(s.Duration()) + " long"
	if s.InProgress {
		dur = "still running"
	}
	if root {
		parts = append(parts, dur)
	} else {
		parts = append(parts, "+"+fmtDur(seconds(s.Start-traceStart))+" start, "+dur)
	}
	parts = append(parts, kindLabel(s))
	var kind []string
	if s.Namespace == "aws" {
		if op := str(s.AWS, "operation"); op != "" {
			kind = append(kind, op)
		}
		for _, t := range inferTargets(s) {
			if t.typ != "AWS::"+t.name {
				kind = append(kind, typeLabel(t.typ)+" "+t.name)
			}
		}
	}
	if h := s.HTTP; h != nil {
		for _, v := range []string{h.Method, h.URL} {
			if v != "" {
				kind = append(kind, v)
			}
		}
		if h.Status != 0 {
			kind = append(kind, fmt.Sprintf("status %d", h.Status))
		}
	}
	if q := str(s.SQL, "sanitized_query"); q != "" {
		kind = append(kind, "SQL "+shorten(q, 60))
	}
	if len(kind) > 0 {
		parts = append(parts, strings.Join(kind, " "))
	}
	if f := flags(s.Error, s.Throttle, s.Fault, s.InProgress); f != "" {
		parts = append(parts, f)
	}
	if len(s.Exceptions) > 0 {
		e := s.Exceptions[0]
		parts = append(parts, shorten(strings.TrimPrefix(e.Type+": "+e.Message, ": "), 100))
	}
	switch {
	case s.Orphan && s.Kind == "segment":
		parts = append(parts, "(parent "+s.ParentID+" not received: the caller sent no segment for it)")
	case s.Orphan:
		parts = append(parts, "(parent "+s.ParentID+" not received; in Lambda, the function's own segment, sent by Lambda)")
	}
	if len(s.Problems) > 0 {
		p := s.Problems[0]
		msg := "! "
		if p.Field != "" {
			msg += p.Field + ": "
		}
		msg += shorten(p.Msg, 160) + " [" + string(p.Rule) + "]"
		if n := len(s.Problems) - 1; n > 0 {
			msg += fmt.Sprintf(" (and %d more)", n)
		}
		parts = append(parts, msg)
	}
	return strings.Join(parts, "  ")
}

// kindLabel says what a span is, in the words of [TreeLegend]: a service's
// segment (and where it runs), an AWS call, a call to another service, or
// a step of the work.
func kindLabel(s *Span) string {
	switch {
	case s.Kind == "segment" && s.Origin != "":
		return "service (" + typeLabel(s.Origin) + ")"
	case s.Kind == "segment":
		return "service"
	case s.Namespace == "aws":
		return "AWS call"
	case s.Namespace == "remote":
		return "call"
	}
	return "step"
}

// flags renders a span's or trace's flags.
func flags(err, throttle, fault, inProgress bool) string {
	var f []string
	for _, c := range []struct {
		on   bool
		what string
	}{{err, "ERROR"}, {throttle, "THROTTLE"}, {fault, "FAULT"}, {inProgress, "IN PROGRESS"}} {
		if c.on {
			f = append(f, c.what)
		}
	}
	return strings.Join(f, " ")
}

// fmtDur formats a duration briefly: "57µs", "1.23ms", "45ms", "1.25s".
func fmtDur(d time.Duration) string {
	switch {
	case d < 0:
		return "-" + fmtDur(-max(d, -math.MaxInt64))
	case d < time.Millisecond:
		return d.Round(time.Microsecond).String()
	case d < 10*time.Millisecond:
		return d.Round(10 * time.Microsecond).String()
	case d < time.Second:
		return d.Round(time.Millisecond).String()
	}
	return d.Round(10 * time.Millisecond).String()
}
