package ddprop

import (
	"context"
	"encoding/binary"
	"strconv"
	"strings"

	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace"
)

// The keys Datadog's tracers write.
const (
	TraceIDKey          = "x-datadog-trace-id"
	ParentIDKey         = "x-datadog-parent-id"
	SamplingPriorityKey = "x-datadog-sampling-priority"
	TagsKey             = "x-datadog-tags"
	OriginKey           = "x-datadog-origin"
)

// MaxTagsLength is the longest x-datadog-tags value read or written, the
// default of Datadog's DD_TRACE_X_DATADOG_TAGS_MAX_LENGTH.
const MaxTagsLength = 512

// maxOrigin bounds the origin kept in tracestate.
const maxOrigin = 64

// tidTag names the propagating tag with the high 64 bits of the trace ID.
const tidTag = "_dd.p.tid"

// Propagator is the Datadog TextMapPropagator. Its zero value is ready to use.
type Propagator struct{}

var _ propagation.TextMapPropagator = Propagator{}

// Fields returns the keys Inject writes.
func (Propagator) Fields() []string {
	return []string{TraceIDKey, ParentIDKey, SamplingPriorityKey, TagsKey, OriginKey}
}

// Inject writes the span context of ctx into carrier. It writes nothing for
// an invalid span context.
func (Propagator) Inject(ctx context.Context, carrier propagation.TextMapCarrier) {
	sc := trace.SpanContextFromContext(ctx)
	if !sc.IsValid() {
		return
	}
	tid, sid := sc.TraceID(), sc.SpanID()
	low := binary.BigEndian.Uint64(tid[8:])
	if low == 0 {
		return // Datadog cannot carry a trace whose low 64 bits are zero
	}
	carrier.Set(TraceIDKey, strconv.FormatUint(low, 10))
	carrier.Set(ParentIDKey, strconv.FormatUint(binary.BigEndian.Uint64(sid[:]), 10))
	prio, origin := fromTraceState(sc.TraceState().Get("dd"))
	if prio == -2 || sc.IsSampled() != (prio > 0) {
		prio = 0
		if sc.IsSampled() {
			prio = 1
		}
	}
	carrier.Set(SamplingPriorityKey, strconv.Itoa(prio))
	if high := binary.BigEndian.Uint64(tid[:8]); high != 0 {
		carrier.Set(TagsKey, tidTag+"="+hex16(high))
	}
	if origin != "" {
		carrier.Set(OriginKey, origin)
	}
}

// Extract reads a Datadog context from carrier and returns ctx with it as
// the remote span context. It returns ctx unchanged when the carrier holds
// no valid trace and parent ID.
func (Propagator) Extract(ctx context.Context, carrier propagation.TextMapCarrier) context.Context {
	if sc, ok := Parse(carrier); ok {
		return trace.ContextWithRemoteSpanContext(ctx, sc)
	}
	return ctx
}

// Parse reads a Datadog context from carrier. ok is false when the carrier
// holds no valid trace and parent ID.
func Parse(carrier propagation.TextMapCarrier) (sc trace.SpanContext, ok bool) {
	low, ok1 := parseID(carrier.Get(TraceIDKey))
	span, ok2 := parseID(carrier.Get(ParentIDKey))
	if !ok1 || !ok2 {
		return trace.SpanContext{}, false
	}
	var tid trace.TraceID
	binary.BigEndian.PutUint64(tid[:8], highBits(carrier.Get(TagsKey)))
	binary.BigEndian.PutUint64(tid[8:], low)
	var sid trace.SpanID
	binary.BigEndian.PutUint64(sid[:], span)
	prio := 1
	if p := carrier.Get(SamplingPriorityKey); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || n < -1 || n > 2 {
			n = 1 // unknown priorities are treated as the default decision
		}
		prio = n
	}
	cfg := trace.SpanContextConfig{TraceID: tid, SpanID: sid, Remote: true}
	if prio > 0 {
		cfg.TraceFlags = trace.FlagsSampled
	}
	member := "s:" + strconv.Itoa(prio)
	if o := carrier.Get(OriginKey); validOrigin(o) {
		member += ";o:" + o
	}
	if ts, err := (trace.TraceState{}).Insert("dd", member); err == nil {
		cfg.TraceState = ts
	}
	return trace.NewSpanContext(cfg), true
}

// parseID reads a non-zero unsigned 64-bit decimal, digits only.
func parseID(s string) (uint64, bool) {
	if s == "" || len(s) > 20 || s[0] < '0' || s[0] > '9' {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil && n != 0
}

// highBits returns the _dd.p.tid tag of an x-datadog-tags value, 0 if it
// is missing, malformed, or the value is longer than MaxTagsLength.
func highBits(tags string) uint64 {
	if len(tags) > MaxTagsLength {
		return 0
	}
	for tags != "" {
		var kv string
		kv, tags, _ = strings.Cut(tags, ",")
		k, v, _ := strings.Cut(strings.TrimSpace(kv), "=")
		if k != tidTag {
			continue
		}
		if len(v) != 16 {
			return 0
		}
		n, err := strconv.ParseUint(v, 16, 64)
		if err != nil {
			return 0
		}
		return n
	}
	return 0
}

// validOrigin accepts printable ASCII without the tracestate separators.
func validOrigin(s string) bool {
	if s == "" || len(s) > maxOrigin {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c <= ' ' || c > '~' || c == ',' || c == ';' || c == '=' || c == ':' {
			return false
		}
	}
	return true
}

// fromTraceState reads s:<priority> and o:<origin> from a dd tracestate member.
func fromTraceState(member string) (prio int, origin string) {
	prio = -2 // absent
	for member != "" {
		var kv string
		kv, member, _ = strings.Cut(member, ";")
		k, v, _ := strings.Cut(kv, ":")
		switch k {
		case "s":
			if n, err := strconv.Atoi(v); err == nil && n >= -1 && n <= 2 {
				prio = n
			}
		case "o":
			if validOrigin(v) {
				origin = v
			}
		}
	}
	return prio, origin
}

func hex16(n uint64) string {
	s := strconv.FormatUint(n, 16)
	return strings.Repeat("0", 16-len(s)) + s
}
