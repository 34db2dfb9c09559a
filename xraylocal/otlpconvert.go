package xraylocal

import (
	"fmt"
	"math"
	"time"

	"go.opentelemetry.io/otel/attribute"
	"go.opentelemetry.io/otel/codes"
	"go.opentelemetry.io/otel/sdk/instrumentation"
	"go.opentelemetry.io/otel/sdk/resource"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/sdk/trace/tracetest"
	"go.opentelemetry.io/otel/trace"
	commonpb "go.opentelemetry.io/proto/otlp/common/v1"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// processOTLP handles an OTLP datagram: decoded and validated, its spans
// are translated into X-Ray documents as the exporter would have sent them
// and go through the same pipeline as segment datagrams (each resulting
// document counts as a document; the datagram once).
func (s *Server) processOTLP(b []byte, prefix string, payload []byte, from string, now time.Time) {
	td, problems := decodeOTLP(len(b), payload)
	var grams [][]byte
	var traces []string
	if td != nil {
		grams, traces = otlpDocuments(td)
	}
	for _, id := range traces {
		s.formats.add(id, s.cfg.maxTraces)
	}
	docBytes := 0
	for _, g := range grams {
		s.process(g, from, now)
		docBytes += len(g)
	}
	s.st.mu.Lock()
	st := &s.st.stats
	if len(grams) > 0 {
		// process counted each document as a datagram; count the datagram once.
		st.Datagrams -= uint64(len(grams))
		st.Bytes -= uint64(docBytes)
	}
	st.Datagrams++
	st.Bytes += uint64(len(b))
	outcome := OutcomeKept
	if td == nil || len(grams) == 0 {
		outcome = OutcomeRejected
		st.Rejected++
	}
	if len(problems) > 0 {
		st.Invalid++
	}
	s.st.seq++
	seq := s.st.seq
	listed := make([]Problem, 0, len(problems))
	for _, pr := range problems {
		p := Problem{Datagram: seq, Time: now, From: from, Name: prefix, Problem: pr, Outcome: outcome}
		listed = append(listed, s.st.problems.add(p, s.cfg.maxProblems))
	}
	s.st.bumpLocked()
	s.st.mu.Unlock()
	if s.cfg.problemOut != nil && len(listed) > 0 {
		s.outMu.Lock()
		for _, pr := range listed {
			fmt.Fprintln(s.cfg.problemOut, "! "+pr.String())
		}
		s.outMu.Unlock()
	}
}

// TraceFormat says which format the trace arrived in: [FormatOTLP] if any
// of its spans came as OTLP, else [FormatSegments].
func (s *Server) TraceFormat(traceID string) string { return s.formats.of(traceID) }

// otlpDocuments translates the spans of td into datagrams of X-Ray
// documents, packed as xrayudp packs them, and returns the traces they
// belong to. Spans of a Lambda function's resource are translated in Lambda
// mode, as the exporter in that function did.
func otlpDocuments(td *tracepb.TracesData) ([][]byte, []string) {
	var p wire.Packer
	seen := map[trace.TraceID]bool{}
	var traces []string
	for _, rs := range td.ResourceSpans {
		res := resource.NewSchemaless(keyValues(rs.GetResource().GetAttributes(), 0)...)
		tr := segment.NewTranslator(segment.Config{Lambda: isLambda(res)})
		for _, ss := range rs.ScopeSpans {
			scope := instrumentation.Scope{Name: ss.GetScope().GetName(), Version: ss.GetScope().GetVersion(), SchemaURL: ss.SchemaUrl}
			for _, sp := range ss.Spans {
				stub := spanStub(sp, res, scope)
				doc, why := tr.Translate(stub.Snapshot())
				if why != segment.Keep {
					continue
				}
				p.Add(&doc)
				if !seen[doc.TraceID] {
					seen[doc.TraceID] = true
					traces = append(traces, segment.TraceIDString(doc.TraceID))
				}
			}
		}
	}
	p.Pack()
	grams := make([][]byte, p.Len())
	for k := range grams {
		grams[k] = append([]byte(nil), p.Datagram(k)...)
	}
	return grams, traces
}

// isLambda reports whether the resource is a Lambda function's.
func isLambda(res *resource.Resource) bool {
	v, ok := res.Set().Value("cloud.platform")
	if ok && v.AsString() == "aws_lambda" {
		return true
	}
	_, ok = res.Set().Value("faas.name")
	return ok
}

// spanStub rebuilds the span the exporter was given. The span is marked
// sampled (T1U spans are shown too); its parent is remote when the flags say so.
// tracetest.SpanStub is the SDK's own ReadOnlySpan implementation outside the
// SDK: it follows the interface as methods are added, where a hand-written
// adapter (which must embed the interface) would panic on a new method.
func spanStub(sp *tracepb.Span, res *resource.Resource, scope instrumentation.Scope) tracetest.SpanStub {
	tid, sid := trace.TraceID(sp.TraceId), trace.SpanID(sp.SpanId)
	stub := tracetest.SpanStub{
		Name:                 sp.Name,
		SpanContext:          trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: sid, TraceFlags: trace.FlagsSampled}),
		SpanKind:             trace.SpanKind(sp.Kind),
		StartTime:            fromNanos(sp.StartTimeUnixNano),
		EndTime:              fromNanos(sp.EndTimeUnixNano),
		Attributes:           keyValues(sp.Attributes, 0),
		DroppedAttributes:    int(sp.DroppedAttributesCount),
		DroppedEvents:        int(sp.DroppedEventsCount),
		DroppedLinks:         int(sp.DroppedLinksCount),
		Resource:             res,
		InstrumentationScope: scope,
	}
	if len(sp.ParentSpanId) == 8 {
		stub.Parent = trace.NewSpanContext(trace.SpanContextConfig{TraceID: tid, SpanID: trace.SpanID(sp.ParentSpanId),
			TraceFlags: trace.FlagsSampled, Remote: sp.Flags&0x300 == 0x300})
	}
	switch sp.GetStatus().GetCode() {
	case tracepb.Status_STATUS_CODE_OK:
		stub.Status = sdktrace.Status{Code: codes.Ok}
	case tracepb.Status_STATUS_CODE_ERROR:
		stub.Status = sdktrace.Status{Code: codes.Error, Description: sp.GetStatus().GetMessage()}
	}
	for _, ev := range sp.Events {
		stub.Events = append(stub.Events, sdktrace.Event{Name: ev.Name, Time: fromNanos(ev.TimeUnixNano),
			Attributes: keyValues(ev.Attributes, 0), DroppedAttributeCount: int(ev.DroppedAttributesCount)})
	}
	for _, l := range sp.Links {
		if len(l.TraceId) != 16 || len(l.SpanId) != 8 {
			continue
		}
		sc := trace.NewSpanContext(trace.SpanContextConfig{TraceID: trace.TraceID(l.TraceId), SpanID: trace.SpanID(l.SpanId)})
		stub.Links = append(stub.Links, sdktrace.Link{SpanContext: sc, Attributes: keyValues(l.Attributes, 0)})
	}
	return stub
}

func fromNanos(n uint64) time.Time {
	if n == 0 || n > math.MaxInt64 {
		return time.Time{}
	}
	return time.Unix(0, int64(n))
}

// keyValues converts OTLP attributes; nested values deeper than 8 levels
// are left empty.
func keyValues(kvs []*commonpb.KeyValue, depth int) []attribute.KeyValue {
	out := make([]attribute.KeyValue, 0, len(kvs))
	for _, kv := range kvs {
		out = append(out, attribute.KeyValue{Key: attribute.Key(kv.Key), Value: anyValue(kv.Value, depth)})
	}
	return out
}

func anyValue(v *commonpb.AnyValue, depth int) attribute.Value {
	switch x := v.GetValue().(type) {
	case *commonpb.AnyValue_StringValue:
		return attribute.StringValue(x.StringValue)
	case *commonpb.AnyValue_BoolValue:
		return attribute.BoolValue(x.BoolValue)
	case *commonpb.AnyValue_IntValue:
		return attribute.Int64Value(x.IntValue)
	case *commonpb.AnyValue_DoubleValue:
		return attribute.Float64Value(x.DoubleValue)
	case *commonpb.AnyValue_BytesValue:
		return attribute.ByteSliceValue(x.BytesValue)
	case *commonpb.AnyValue_ArrayValue:
		if depth >= 8 {
			break
		}
		return arrayValue(x.ArrayValue.GetValues(), depth+1)
	case *commonpb.AnyValue_KvlistValue:
		if depth >= 8 {
			break
		}
		return attribute.MapValue(keyValues(x.KvlistValue.GetValues(), depth+1)...)
	}
	return attribute.Value{}
}

// arrayValue keeps arrays of one scalar type as that slice type (what
// xrayudp reads, such as aws.xray.annotations), others as a slice of values.
func arrayValue(vs []*commonpb.AnyValue, depth int) attribute.Value {
	strs := make([]string, 0, len(vs))
	for _, v := range vs {
		s, ok := v.GetValue().(*commonpb.AnyValue_StringValue)
		if !ok {
			strs = nil
			break
		}
		strs = append(strs, s.StringValue)
	}
	if strs != nil {
		return attribute.StringSliceValue(strs)
	}
	out := make([]attribute.Value, 0, len(vs))
	for _, v := range vs {
		out = append(out, anyValue(v, depth))
	}
	return attribute.SliceValue(out...)
}
