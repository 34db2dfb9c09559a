package xraylocal

import (
	"bytes"
	"encoding/base64"
	"fmt"
	"sync"
	"time"

	"google.golang.org/protobuf/proto"

	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
	"github.com/otelxray/otelxray/segment/validate"
)

// Rules of OTLP datagrams (the daemon header, "T1S" or "T1U", and the
// base64 of an ExportTraceServiceRequest), beside the validator's rules for
// segment documents.
const (
	RuleOTLPSize     validate.Rule = "otlp.size"      // a datagram over 64,000 bytes
	RuleOTLPBase64   validate.Rule = "otlp.base64"    // not standard, padded base64
	RuleOTLPProto    validate.Rule = "otlp.proto"     // not an ExportTraceServiceRequest
	RuleOTLPEmpty    validate.Rule = "otlp.empty"     // no spans
	RuleOTLPTraceID  validate.Rule = "otlp.trace_id"  // not 16 bytes, or zero
	RuleOTLPSpanID   validate.Rule = "otlp.span_id"   // not 8 bytes, or zero
	RuleOTLPParentID validate.Rule = "otlp.parent_id" // neither empty nor 8 non-zero bytes
	RuleOTLPTime     validate.Rule = "otlp.time"      // a start or end of 0, or an end before the start
	RuleOTLPResource validate.Rule = "otlp.resource"  // no service.name
)

// Formats a trace can arrive in, as [Server.TraceFormat] names them.
const (
	FormatSegments = "segments"
	FormatOTLP     = "otlp"
)

// otlpPrefix returns the OTLP prefix and payload of b when b is the daemon
// header followed by "T1S" or "T1U".
func otlpPrefix(b []byte) (prefix string, payload []byte, ok bool) {
	header, body, has := splitDatagram(b)
	if !has || len(body) < 3 || !daemonAccepts(header) {
		return "", nil, false
	}
	switch p := string(body[:3]); p {
	case wire.PrefixSampled, wire.PrefixUnsampled:
		return p, body[3:], true
	}
	return "", nil, false
}

// decodeOTLP decodes and validates an OTLP payload. It returns the request
// (nil when it cannot be read) and a problem for each rule broken.
func decodeOTLP(size int, payload []byte) (*tracepb.TracesData, []validate.Problem) {
	var problems []validate.Problem
	if size > segment.MaxDatagramSize {
		problems = append(problems, validate.Problem{Rule: RuleOTLPSize,
			Msg: fmt.Sprintf("the datagram has %d bytes, over the %d the daemon reads", size, segment.MaxDatagramSize)})
	}
	raw := make([]byte, base64.StdEncoding.DecodedLen(len(payload)))
	n, err := base64.StdEncoding.Strict().Decode(raw, bytes.TrimRight(payload, "\r\n"))
	if err != nil {
		return nil, append(problems, validate.Problem{Rule: RuleOTLPBase64,
			Msg: fmt.Sprintf("after the T1S/T1U prefix the datagram must be standard base64 with = padding: %v", err)})
	}
	// TracesData has the wire form of ExportTraceServiceRequest (field 1:
	// repeated ResourceSpans).
	var td tracepb.TracesData
	if err := proto.Unmarshal(raw[:n], &td); err != nil {
		return nil, append(problems, validate.Problem{Rule: RuleOTLPProto,
			Msg: fmt.Sprintf("the payload is not an OTLP ExportTraceServiceRequest: %v", err)})
	}
	return &td, append(problems, checkOTLP(&td)...)
}

// checkOTLP applies the span rules; a span with a bad ID is removed from td.
func checkOTLP(td *tracepb.TracesData) []validate.Problem {
	var problems []validate.Problem
	add := func(r validate.Rule, field, msg string, args ...any) {
		problems = append(problems, validate.Problem{Rule: r, Field: field, Msg: fmt.Sprintf(msg, args...)})
	}
	spans := 0
	for i, rs := range td.ResourceSpans {
		if !hasServiceName(rs) {
			add(RuleOTLPResource, fmt.Sprintf("resource_spans[%d].resource", i), "the resource has no service.name attribute; X-Ray names the service from it")
		}
		for j, ss := range rs.ScopeSpans {
			kept := ss.Spans[:0]
			for k, sp := range ss.Spans {
				f := fmt.Sprintf("resource_spans[%d].scope_spans[%d].spans[%d]", i, j, k)
				ok := true
				if len(sp.TraceId) != 16 || allZero(sp.TraceId) {
					add(RuleOTLPTraceID, f+".trace_id", "trace_id must be 16 bytes, not all zero (got %d bytes %x); the span is left out", len(sp.TraceId), sp.TraceId)
					ok = false
				}
				if len(sp.SpanId) != 8 || allZero(sp.SpanId) {
					add(RuleOTLPSpanID, f+".span_id", "span_id must be 8 bytes, not all zero (got %d bytes %x); the span is left out", len(sp.SpanId), sp.SpanId)
					ok = false
				}
				if len(sp.ParentSpanId) != 0 && (len(sp.ParentSpanId) != 8 || allZero(sp.ParentSpanId)) {
					add(RuleOTLPParentID, f+".parent_span_id", "parent_span_id must be empty or 8 bytes, not all zero (got %x); the span is shown without parent", sp.ParentSpanId)
					sp.ParentSpanId = nil
				}
				switch {
				case sp.StartTimeUnixNano == 0:
					add(RuleOTLPTime, f+".start_time_unix_nano", "the start time is 0")
				case sp.EndTimeUnixNano == 0:
					add(RuleOTLPTime, f+".end_time_unix_nano", "the end time is 0: exporters send ended spans only")
				case sp.EndTimeUnixNano < sp.StartTimeUnixNano:
					add(RuleOTLPTime, f+".end_time_unix_nano", "the span ends %s before it starts", time.Duration(sp.StartTimeUnixNano-sp.EndTimeUnixNano))
				}
				if ok {
					kept = append(kept, sp)
				}
			}
			ss.Spans = kept
			spans += len(kept)
		}
	}
	if spans == 0 {
		add(RuleOTLPEmpty, "resource_spans", "the request holds no span that can be shown")
	}
	return problems
}

func hasServiceName(rs *tracepb.ResourceSpans) bool {
	for _, kv := range rs.GetResource().GetAttributes() {
		if kv.Key == "service.name" && kv.GetValue().GetStringValue() != "" {
			return true
		}
	}
	return false
}

func allZero(b []byte) bool {
	for _, c := range b {
		if c != 0 {
			return false
		}
	}
	return true
}

// formats remembers which traces arrived as OTLP, for at most limit traces.
type formats struct {
	mu    sync.Mutex
	otlp  map[string]struct{}
	order []string
}

func (f *formats) add(traceID string, limit int) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.otlp == nil {
		f.otlp = make(map[string]struct{})
	}
	if _, ok := f.otlp[traceID]; ok {
		return
	}
	f.otlp[traceID] = struct{}{}
	f.order = append(f.order, traceID)
	for len(f.order) > limit && limit > 0 {
		delete(f.otlp, f.order[0])
		f.order = f.order[1:]
	}
}

func (f *formats) of(traceID string) string {
	f.mu.Lock()
	defer f.mu.Unlock()
	if _, ok := f.otlp[traceID]; ok {
		return FormatOTLP
	}
	return FormatSegments
}
