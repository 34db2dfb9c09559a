package wire

import (
	"slices"
	"strings"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/encoding/protowire"

	"github.com/otelxray/otelxray/internal/scrub"
)

// TrimmedAttribute is the span attribute that names the trimming steps an
// OTLP span went through to fit a datagram ("strings,events").
const TrimmedAttribute = "otelxray.trimmed"

// spanTrim is how much of a span is written.
type spanTrim struct {
	strMax   int    // longest string value; -1: not cut
	noEvents bool   // events and links left out
	skip     []bool // attributes left out
	all      bool   // only ids, name, kind, times, status code and flags
	steps    trimmed
	cache    *valueCache // nil: none
}

// otlpStrings is the length string values are cut to by the first trimming step.
const otlpStrings = 1024

// otlpNameMax is the length of the name and status message once everything
// else was trimmed.
const otlpNameMax = 256

// unixNano returns t in nanoseconds, 0 for the zero time or a time before 1970.
func unixNano(s interface{ UnixNano() int64 }) uint64 {
	n := s.UnixNano()
	if n < 0 {
		return 0
	}
	return uint64(n)
}

// spanFlags is the flags field of a span or a link.
func spanFlags(sc trace.SpanContext, remote bool) uint32 {
	f := uint32(sc.TraceFlags()) | flagHasIsRemote
	if remote {
		f |= flagIsRemote
	}
	return f
}

// appendSpan appends s as ScopeSpans.spans field, written as tr allows.
func appendSpan(b []byte, s sdktrace.ReadOnlySpan, tr *spanTrim) []byte {
	sc, parent := s.SpanContext(), s.Parent()
	b, start := openMsg(b, fSSSpans)
	tid, sid := sc.TraceID(), sc.SpanID()
	b = appendBytesField(b, fSpanTraceID, tid[:])
	b = appendBytesField(b, fSpanSpanID, sid[:])
	if ts := sc.TraceState().String(); ts != "" && !tr.all {
		b = appendStringField(b, fSpanTraceState, validUTF8(ts, -1))
	}
	if parent.HasSpanID() {
		pid := parent.SpanID()
		b = appendBytesField(b, fSpanParentSpanID, pid[:])
	}
	nameMax := -1
	if tr.all {
		nameMax = otlpNameMax
	}
	b = appendStringField(b, fSpanName, validUTF8(scrub.Redact(s.Name()), nameMax))
	b = appendVarintField(b, fSpanKind, uint64(s.SpanKind()))
	b = protowire.AppendTag(b, fSpanStart, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, unixNano(s.StartTime()))
	b = protowire.AppendTag(b, fSpanEnd, protowire.Fixed64Type)
	b = protowire.AppendFixed64(b, unixNano(s.EndTime()))
	attrs := s.Attributes()
	dropped := uint64(s.DroppedAttributes())
	if tr.all {
		dropped += uint64(len(attrs))
	} else {
		b = appendKeyValues(tr.cache, b, fSpanAttributes, attrs, tr.strMax, tr.skip)
		for _, gone := range tr.skip {
			if gone {
				dropped++
			}
		}
	}
	if tr.steps != 0 {
		b = appendKeyValue(tr.cache, b, fSpanAttributes, attribute.String(TrimmedAttribute, tr.steps.otlpString()), -1, 0)
	}
	b = appendVarintField(b, fSpanDroppedAttrs, dropped)
	b = appendOTLPEvents(b, s, tr)
	b = appendOTLPLinks(b, s, tr)
	b = appendOTLPStatus(b, s.Status(), tr.all)
	b = protowire.AppendTag(b, fSpanFlags, protowire.Fixed32Type)
	b = protowire.AppendFixed32(b, spanFlags(sc, parent.IsRemote()))
	return closeMsg(b, start)
}

func appendOTLPEvents(b []byte, s sdktrace.ReadOnlySpan, tr *spanTrim) []byte {
	events := s.Events()
	droppedEvents := uint64(s.DroppedEvents())
	if tr.noEvents || tr.all {
		droppedEvents += uint64(len(events))
		events = nil
	}
	for _, ev := range events {
		var es int
		b, es = openMsg(b, fSpanEvents)
		b = appendFixed64Field(b, fEventTime, unixNano(ev.Time))
		b = appendStringField(b, fEventName, validUTF8(scrub.Redact(ev.Name), tr.strMax))
		b = appendKeyValues(tr.cache, b, fEventAttrs, ev.Attributes, tr.strMax, nil)
		b = appendVarintField(b, fEventDropped, uint64(ev.DroppedAttributeCount))
		b = closeMsg(b, es)
	}
	return appendVarintField(b, fSpanDroppedEvents, droppedEvents)
}

func appendOTLPLinks(b []byte, s sdktrace.ReadOnlySpan, tr *spanTrim) []byte {
	links := s.Links()
	droppedLinks := uint64(s.DroppedLinks())
	if tr.all {
		droppedLinks += uint64(len(links))
		links = nil
	}
	for _, l := range links {
		var ls int
		b, ls = openMsg(b, fSpanLinks)
		tid, sid := l.SpanContext.TraceID(), l.SpanContext.SpanID()
		b = appendBytesField(b, fLinkTraceID, tid[:])
		b = appendBytesField(b, fLinkSpanID, sid[:])
		if ts := l.SpanContext.TraceState().String(); ts != "" {
			b = appendStringField(b, fLinkTraceState, validUTF8(ts, -1))
		}
		dropped := uint64(l.DroppedAttributeCount)
		if tr.noEvents {
			dropped += uint64(len(l.Attributes))
		} else {
			b = appendKeyValues(tr.cache, b, fLinkAttrs, l.Attributes, tr.strMax, nil)
		}
		b = appendVarintField(b, fLinkDropped, dropped)
		b = protowire.AppendTag(b, fLinkFlags, protowire.Fixed32Type)
		b = protowire.AppendFixed32(b, spanFlags(l.SpanContext, l.SpanContext.IsRemote()))
		b = closeMsg(b, ls)
	}
	return appendVarintField(b, fSpanDroppedLinks, droppedLinks)
}

// appendOTLPStatus appends the span's status; OTLP numbers the codes Unset 0,
// Ok 1, Error 2 where OpenTelemetry Go has Unset 0, Error 1, Ok 2.
func appendOTLPStatus(b []byte, st sdktrace.Status, short bool) []byte {
	b, start := openMsg(b, fSpanStatus)
	if st.Description != "" {
		limit := -1
		if short {
			limit = otlpNameMax
		}
		b = appendStringField(b, fStatusMessage, validUTF8(scrub.Redact(st.Description), limit))
	}
	switch st.Code {
	case codes.Ok:
		b = appendVarintField(b, fStatusCode, 1)
	case codes.Error:
		b = appendVarintField(b, fStatusCode, 2)
	}
	return closeMsg(b, start)
}

// otlpString names the OTLP trimming steps.
func (t trimmed) otlpString() string {
	var parts []string
	for i, n := range []string{"strings", "events", "attributes", "all"} {
		if t&(1<<i) != 0 {
			parts = append(parts, n)
		}
	}
	return strings.Join(parts, ",")
}

// The OTLP trimming steps, in the order they are tried.
const (
	otlpTrimStrings trimmed = 1 << iota
	otlpTrimEvents
	otlpTrimAttributes
	otlpTrimAll
)

// appendSpanLimited appends s like [appendSpan], trimming it step by step
// until it takes at most max bytes: long strings cut, then events and link
// attributes left out, then attributes left out largest first, finally
// everything but ids, name, kind, times, status code and flags. The steps
// are named in the span's otelxray.trimmed attribute. It reports whether s
// was trimmed.
func appendSpanLimited(c *valueCache, b []byte, s sdktrace.ReadOnlySpan, max int) ([]byte, bool) {
	start := len(b)
	tr := spanTrim{strMax: -1, cache: c}
	b = appendSpan(b, s, &tr)
	if len(b)-start <= max {
		return b, false
	}
	tr.strMax, tr.steps = otlpStrings, otlpTrimStrings
	if b = appendSpan(b[:start], s, &tr); len(b)-start <= max {
		return b, true
	}
	tr.noEvents, tr.steps = true, tr.steps|otlpTrimEvents
	if b = appendSpan(b[:start], s, &tr); len(b)-start <= max {
		return b, true
	}
	tr.steps |= otlpTrimAttributes
	if b = dropLargestAttributes(b, start, s, &tr, max); len(b)-start <= max {
		return b, true
	}
	tr.all, tr.steps = true, tr.steps|otlpTrimAll
	return appendSpan(b[:start], s, &tr), true
}

// dropLargestAttributes leaves out s's attributes, largest first, until the
// span fits max bytes or none is left.
func dropLargestAttributes(b []byte, start int, s sdktrace.ReadOnlySpan, tr *spanTrim, max int) []byte {
	tr.skip, _ = largestFirst(s.Attributes(), fSpanAttributes, tr.strMax, len(b)-start-max)
	return appendSpan(b[:start], s, tr)
}

// largestFirst marks attributes to leave out, largest first (as encoded
// with strings cut to strMax), until they free excess bytes, and counts them.
func largestFirst(attrs []attribute.KeyValue, f protowire.Number, strMax, excess int) ([]bool, int) {
	sizes := make([]int, len(attrs))
	order := make([]int, len(attrs))
	var scratch []byte
	for i, kv := range attrs {
		scratch = appendKeyValue(nil, scratch[:0], f, kv, strMax, 0)
		sizes[i], order[i] = len(scratch), i
	}
	slices.SortStableFunc(order, func(x, y int) int { return sizes[y] - sizes[x] })
	skip := make([]bool, len(attrs))
	dropped := 0
	for _, i := range order {
		if excess <= 0 {
			break
		}
		skip[i] = true
		excess -= sizes[i]
		dropped++
	}
	return skip, dropped
}
