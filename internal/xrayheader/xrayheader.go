package xrayheader

import (
	"context"
	"encoding/hex"
	"os"
	"strings"

	"go.opentelemetry.io/otel/trace"
)

// ContextKey is the context key under which aws-lambda-go stores each
// invocation's trace header. It is a plain string because that is what
// aws-lambda-go uses.
const ContextKey = "x-amzn-trace-id"

// EnvTraceHeader is the variable aws-lambda-go also sets, but only when one
// invocation runs at a time; it holds whichever invocation set it last.
const EnvTraceHeader = "_X_AMZN_TRACE_ID"

// FromContext returns the invocation's trace header: the context key if it
// is present (even empty), else the environment variable.
func FromContext(ctx context.Context, getenv func(string) string) string {
	if v, ok := ctx.Value(ContextKey).(string); ok {
		return v
	}
	if getenv == nil {
		getenv = os.Getenv
	}
	return getenv(EnvTraceHeader)
}

// Parent turns a trace header into a remote parent. Root, Parent and
// Sampled=1 give a sampled parent; Sampled=0 gives an unsampled one; a
// header without Parent (PassThrough) gives an unsampled parent in the Root
// trace, so that nothing is sent but the trace still propagates. A header
// without a valid Root gives an invalid SpanContext.
func Parent(h string) trace.SpanContext {
	if h == "" {
		return trace.SpanContext{}
	}
	root, parent, sampled := Fields(h)
	tid, err := ParseTraceID(root)
	if err != nil {
		return trace.SpanContext{}
	}
	cfg := trace.SpanContextConfig{TraceID: tid, Remote: true}
	if sid, ok := parseSpanID(parent); ok {
		cfg.SpanID = sid
		if sampled == "1" {
			cfg.TraceFlags = trace.FlagsSampled
		}
	} else {
		// PassThrough: a stand-in parent id derived from the trace, never sent.
		copy(cfg.SpanID[:], tid[8:])
		cfg.SpanID[0] |= 0x80
	}
	return trace.NewSpanContext(cfg)
}

// Fields returns the Root, Parent and Sampled values of a trace header
// (Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1;...):
// its parts are split at ";" and trimmed of spaces; a key given twice keeps
// its last value; a part without "=" is skipped.
func Fields(h string) (root, parent, sampled string) {
	for part := range strings.SplitSeq(h, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			continue
		}
		switch k {
		case "Root":
			root = v
		case "Parent":
			parent = v
		case "Sampled":
			sampled = v
		}
	}
	return root, parent, sampled
}

func parseSpanID(s string) (trace.SpanID, bool) {
	var id trace.SpanID
	if len(s) != 16 {
		return id, false
	}
	if _, err := hex.Decode(id[:], []byte(s)); err != nil || !id.IsValid() {
		return trace.SpanID{}, false
	}
	return id, true
}
