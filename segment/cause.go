package segment

import (
	"strconv"
	"strings"

	"github.com/otelxray/otelxray/internal/scrub"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
)

// maxExceptions is the number of exception events kept per document.
const maxExceptions = 16

// exceptions turns the span's exception events into cause exceptions, in
// sc's arenas with their frames. A span with status Error and no exception
// event gets one exception carrying the status description.
func exceptions(sc *Scratch, events []sdktrace.Event, status sdktrace.Status, id trace.SpanID, remote bool) []Exception {
	start := begin(sc.excs)
	for _, ev := range events {
		if ev.Name != "exception" {
			continue
		}
		n := len(sc.excs) - start
		if n == maxExceptions {
			break
		}
		e := Exception{ID: exceptionID(id, n), Remote: remote}
		for _, kv := range ev.Attributes {
			if kv.Value.Type() != attribute.STRING {
				continue
			}
			switch kv.Key {
			case "exception.type":
				e.Type = kv.Value.AsString()
			case "exception.message":
				e.Message = scrub.Redact(kv.Value.AsString()) // "dial postgres://u:pw@db: ..."
			case "exception.stacktrace":
				from := begin(sc.frames)
				sc.frames, e.Truncated = appendGoStack(sc.frames, kv.Value.AsString())
				e.Stack = done(sc.frames, from)
			}
		}
		sc.excs = append(sc.excs, e)
	}
	if len(sc.excs) == start && status.Code == codes.Error {
		msg := status.Description
		if msg == "" {
			msg = "span status Error"
		}
		sc.excs = append(sc.excs, Exception{ID: exceptionID(id, 0), Message: scrub.Redact(msg), Remote: remote})
	}
	return done(sc.excs, start)
}

// ParseGoStack parses a Go stack trace, as written by runtime/debug.Stack or
// a panic, into frames (innermost first). Frames of the runtime's stack
// capture and of the OpenTelemetry SDK's error recording are left out. At
// most MaxStackFrames are returned; truncated counts the rest. Text that is
// not a Go stack trace gives no frames.
func ParseGoStack(stack string) (frames []StackFrame, truncated int) {
	frames, truncated = appendGoStack(nil, stack)
	if len(frames) == 0 {
		return nil, truncated
	}
	return frames, truncated
}

// appendGoStack is ParseGoStack appending the frames to dst.
func appendGoStack(dst []StackFrame, stack string) (frames []StackFrame, truncated int) {
	frames, start := dst, len(dst)
	var label string
	haveLabel := false
	for len(stack) > 0 {
		var line string
		line, stack, _ = strings.Cut(stack, "\n")
		line = strings.TrimRight(line, "\r")
		if line == "" || strings.HasPrefix(line, "goroutine ") {
			haveLabel = false
			continue
		}
		if line[0] != '\t' {
			label, haveLabel = frameLabel(line), true
			continue
		}
		if !haveLabel {
			continue
		}
		haveLabel = false
		path, lineNo, ok := frameLocation(line[1:])
		if !ok || skipFrame(label) {
			continue
		}
		if len(frames)-start == MaxStackFrames {
			truncated++
			continue
		}
		frames = append(frames, StackFrame{Path: path, Line: lineNo, Label: label})
	}
	return frames, truncated
}

// frameLabel turns "pkg.(*T).Method(0x1, ...)" into "pkg.(*T).Method" and
// "created by pkg.fn in goroutine 7" into "created by pkg.fn".
func frameLabel(line string) string {
	if rest, ok := strings.CutPrefix(line, "created by "); ok {
		if i := strings.Index(rest, " in goroutine "); i >= 0 {
			rest = rest[:i]
		}
		return line[:len("created by ")+len(rest)]
	}
	if strings.HasSuffix(line, ")") {
		if i := strings.LastIndexByte(line, '('); i > 0 {
			return line[:i]
		}
	}
	return line
}

// frameLocation parses "/path/file.go:42 +0x1d".
func frameLocation(loc string) (path string, line int, ok bool) {
	if i := strings.LastIndex(loc, " +0x"); i >= 0 {
		loc = loc[:i]
	}
	i := strings.LastIndexByte(loc, ':')
	if i <= 0 {
		return "", 0, false
	}
	n, err := strconv.Atoi(loc[i+1:])
	if err != nil || n < 0 {
		return "", 0, false
	}
	return loc[:i], n, true
}

// skipFrame reports frames that show how the stack was captured rather than
// where the error happened.
func skipFrame(label string) bool {
	return strings.HasPrefix(label, "runtime/debug.Stack") ||
		strings.HasPrefix(label, "go.opentelemetry.io/otel/sdk/trace.recordStackTrace") ||
		strings.HasPrefix(label, "go.opentelemetry.io/otel/sdk/trace.(*recordingSpan).RecordError")
}
