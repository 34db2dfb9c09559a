package lambdasim

import (
	"fmt"

	"github.com/aws/aws-xray-sdk-go/header"
)

// Caller is the trace context an invocation continues: the trace (Root)
// and the caller's (sub)segment (Parent), from an X-Amzn-Trace-Id header.
// With no Root the invocation starts a new trace.
type Caller struct {
	Root, Parent string
	// Unsampled is true when the caller decided not to sample (Sampled=0):
	// the function then gets Sampled=0 and no segment is sent.
	Unsampled bool
}

// CallerFromHeader reads an X-Amzn-Trace-Id header; an empty or malformed
// one gives the zero Caller.
func CallerFromHeader(h string) Caller {
	if h == "" {
		return Caller{}
	}
	p := header.FromString(h)
	if len(p.TraceID) != 35 {
		return Caller{}
	}
	c := Caller{Root: p.TraceID, Unsampled: p.SamplingDecision == header.NotSampled}
	if len(p.ParentID) == 16 {
		c.Parent = p.ParentID
	}
	return c
}

// traceHeader is the Lambda-Runtime-Trace-Id value of an invocation.
func traceHeader(root, parent string, sampled bool) string {
	s := 0
	if sampled {
		s = 1
	}
	return fmt.Sprintf("Root=%s;Parent=%s;Sampled=%d", root, parent, s)
}
