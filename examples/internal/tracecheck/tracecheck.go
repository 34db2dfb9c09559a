// Package tracecheck holds the checks the examples' local demos make of the
// traces an embedded xraylocal assembled: one tree per request, the
// invocation under its function's segment, and every document valid.
package tracecheck

import (
	"fmt"

	"github.com/otelxray/otelxray/xraylocal"
)

// Findings collects what is not as X-Ray would show it.
type Findings struct {
	// Problems says what is wrong; empty when all is as expected.
	Problems []string
}

// Addf adds a problem.
func (f *Findings) Addf(format string, args ...any) {
	f.Problems = append(f.Problems, fmt.Sprintf(format, args...))
}

// OneTree reports whether t is a single tree rooted at the segment of the
// function name, with its invocation, and nothing missing; what names the
// request in the problem it adds otherwise.
func (f *Findings) OneTree(what string, t *xraylocal.Trace, name string) bool {
	if len(t.Roots) != 1 || t.Roots[0].Kind != "segment" || t.Roots[0].Name != name || t.Orphans > 0 {
		var roots []string
		for _, r := range t.Roots {
			roots = append(roots, r.Kind+" "+r.Name)
		}
		f.Addf("%s: trace %s has roots %v and %d orphan(s); want the %s segment alone", what, t.ID, roots, t.Orphans, name)
		return false
	}
	if Invocation(t.Roots[0], name) == nil {
		f.Addf("%s: trace %s: the %s segment has no invocation subsegment", what, t.ID, name)
		return false
	}
	return true
}

// Documents adds every invalid document srv received, and the datagrams it
// dropped, rejected or left out.
func (f *Findings) Documents(srv *xraylocal.Server) {
	st := srv.Stats()
	for _, p := range srv.Problems() {
		f.Addf("invalid document: %s", p)
	}
	if n := st.Discarded + st.Rejected + st.Overflow + st.OverLimit; n > 0 {
		f.Addf("%d datagram(s) dropped, rejected or left out by xraylocal", n)
	}
}

// Invocation returns lambdatrace's invocation subsegment (named as the
// function) under the function segment s, or nil.
func Invocation(s *xraylocal.Span, name string) *xraylocal.Span {
	for _, c := range s.Children {
		if c.Kind == "subsegment" && c.Namespace == "" && c.Name == name {
			return c
		}
	}
	return nil
}
