package validate

import "fmt"

// Problem is one broken rule. Its JSON form (rule, field, msg) is the one
// xraylocal's API serves.
type Problem struct {
	// Rule is the rule broken: one of the Rule constants ([Rules] lists
	// them with their meaning).
	Rule Rule `json:"rule"`
	// Field is the JSON path of the offending field, for example
	// "subsegments[2].annotations.my-key", or "" when the problem concerns
	// the whole datagram or document.
	Field string `json:"field,omitempty"`
	// Msg says what is wrong and what a valid value looks like.
	Msg string `json:"msg"`
}

// String formats p as "field: msg [rule]", or as "msg [rule]" when the
// problem concerns the whole datagram or document.
func (p Problem) String() string {
	if p.Field == "" {
		return p.Msg + " [" + string(p.Rule) + "]"
	}
	return p.Field + ": " + p.Msg + " [" + string(p.Rule) + "]"
}

// Error lists every problem found in one datagram or document. At most 100
// problems are collected, so that a pathological input yields a readable
// error in bounded time.
type Error struct {
	Problems []Problem
}

// Error returns the first problem, followed by "(and N more)" when there are
// others.
func (e *Error) Error() string {
	if e == nil || len(e.Problems) == 0 {
		return "invalid X-Ray document"
	}
	s := e.Problems[0].String()
	if n := len(e.Problems) - 1; n > 0 {
		s += fmt.Sprintf(" (and %d more)", n)
	}
	return s
}
