package wire

import (
	"encoding/base64"
	"slices"

	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/segment"
)

// The prefixes that follow the daemon's [Header] in an OTLP datagram: the
// rest of the datagram is the standard, padded base64 of an
// ExportTraceServiceRequest.
const (
	// PrefixSampled marks sampled spans.
	PrefixSampled = "T1S"
	// PrefixUnsampled marks spans X-Ray did not sample (for Application
	// Signals and Transaction Search).
	PrefixUnsampled = "T1U"
)

// MaxOTLPProto is the largest ExportTraceServiceRequest a datagram carries:
// its base64 form behind the header and prefix fits in
// [segment.MaxDatagramSize] bytes.
const MaxOTLPProto = (segment.MaxDatagramSize - len(Header) - len(PrefixSampled)) / 4 * 3

// Limits of the parts written once per datagram; what is larger is trimmed.
const (
	maxResourceBytes = 16_000
	maxScopeBytes    = 4_000
	// groupOverhead is the most a ResourceSpans or ScopeSpans adds around
	// its content: a tag and a length of at most three bytes.
	groupOverhead = 4
)

// otlpSpan is one span of an OTLP batch.
type otlpSpan struct {
	s         sdktrace.ReadOnlySpan
	unsampled bool
	group     int32  // index in OTLPPacker.groups
	depth     int32  // distance from its batch's root
	body      [2]int // the encoded span, arena[body[0]:body[1]]
}

// otlpResource is a resource written once per datagram.
type otlpResource struct {
	head, tail [2]int // the resource field and the schema_url field in the arena
}

// otlpGroup is the spans of one resource and instrumentation scope.
type otlpGroup struct {
	res        int32
	head, tail [2]int // the scope field and the schema_url field in the arena
}

type scopeKey struct {
	res                      int32
	name, version, schemaURL string
	attrs                    attribute.Distinct
}

// OTLPPacker packs one batch of spans into OTLP datagrams: the daemon's
// header, [PrefixSampled] or [PrefixUnsampled], and the base64 of an
// ExportTraceServiceRequest, at most [segment.MaxDatagramSize] bytes. Each
// datagram carries whole spans, the spans nearest their batch's root in the
// first ones, and each resource and scope once; sampled and unsampled spans
// never share a datagram. A span too big on its own is trimmed (see
// [TrimmedAttribute]).
//
// Use it as Reset, Add and Drop for each span, Pack, then Len, Datagram and
// Spans. Pool it; the zero value is ready to use. It is not safe for
// concurrent use.
type OTLPPacker struct {
	spans     []otlpSpan
	order     []int32
	byID      map[trace.SpanID]int32
	dropped   map[trace.SpanID]struct{}
	resByPtr  map[any]int32
	scopes    map[scopeKey]int32
	resources []otlpResource
	groups    []otlpGroup
	entries   []int32 // spans of the datagram being filled
	arena     []byte
	proto     []byte
	out       []byte
	grams     [][2]int
	spansIn   []int
	cache     valueCache

	orphans, trimmed int
}

// Reset empties p for the next batch and keeps its buffers.
func (p *OTLPPacker) Reset() {
	clear(p.spans)
	p.spans, p.order, p.resources, p.groups, p.entries = p.spans[:0], p.order[:0], p.resources[:0], p.groups[:0], p.entries[:0]
	clear(p.byID)
	clear(p.dropped)
	clear(p.resByPtr)
	clear(p.scopes)
	p.arena, p.proto, p.out, p.grams, p.spansIn = p.arena[:0], p.proto[:0], p.out[:0], p.grams[:0], p.spansIn[:0]
	p.orphans, p.trimmed = 0, 0
}

// Reusable reports whether p is worth keeping in a pool.
func (p *OTLPPacker) Reusable() bool {
	return cap(p.arena) <= 4<<20 && cap(p.out) <= 4<<20 && cap(p.spans) <= 1<<16
}

// Add adds span s to the batch, as an unsampled span (sent behind
// [PrefixUnsampled]) when unsampled is true.
func (p *OTLPPacker) Add(s sdktrace.ReadOnlySpan, unsampled bool) {
	p.spans = append(p.spans, otlpSpan{s: s, unsampled: unsampled})
}

// Drop records that the span with this ID was dropped before packing (in
// Lambda, for having no parent); Pack drops the spans below it in the batch
// too and counts them in Orphans.
func (p *OTLPPacker) Drop(id trace.SpanID) {
	if p.dropped == nil {
		p.dropped = make(map[trace.SpanID]struct{})
	}
	p.dropped[id] = struct{}{}
}

// Len is the number of datagrams Pack wrote.
func (p *OTLPPacker) Len() int { return len(p.grams) }

// Datagram returns datagram k (0 <= k < Len). It is valid until the next Reset.
func (p *OTLPPacker) Datagram(k int) []byte {
	g := p.grams[k]
	return p.out[g[0]:g[1]:g[1]]
}

// Spans is the number of spans datagram k carries.
func (p *OTLPPacker) Spans(k int) int { return p.spansIn[k] }

// Orphans is the number of spans Pack dropped because a span above them was
// dropped (see Drop).
func (p *OTLPPacker) Orphans() int { return p.orphans }

// Trimmed is the number of spans Pack had to trim to fit a datagram.
func (p *OTLPPacker) Trimmed() int { return p.trimmed }

// Pack encodes the spans added since Reset into datagrams.
func (p *OTLPPacker) Pack() {
	p.dropOrphans()
	p.measureDepths()
	p.order = p.order[:0]
	for i := range p.spans {
		p.order = append(p.order, int32(i))
	}
	slices.SortStableFunc(p.order, func(x, y int32) int {
		a, b := &p.spans[x], &p.spans[y]
		if a.unsampled != b.unsampled {
			if a.unsampled {
				return 1
			}
			return -1
		}
		return int(a.depth - b.depth)
	})
	for _, i := range p.order {
		sp := &p.spans[i]
		sp.group = p.groupOf(sp.s) // groups numbered root first
		room := MaxOTLPProto - p.groupCost(sp.group, true, true)
		start := len(p.arena)
		var cut bool
		p.arena, cut = appendSpanLimited(&p.cache, p.arena, sp.s, room)
		sp.body = [2]int{start, len(p.arena)}
		if cut {
			p.trimmed++
		}
	}
	p.fill()
}

// fill distributes the encoded spans over datagrams in order.
func (p *OTLPPacker) fill() {
	size := 0
	for _, i := range p.order {
		sp := &p.spans[i]
		newGroup, newRes := true, true
		for _, j := range p.entries {
			o := &p.spans[j]
			if o.group == sp.group {
				newGroup = false
			}
			if p.groups[o.group].res == p.groups[sp.group].res {
				newRes = false
			}
		}
		add := sp.body[1] - sp.body[0] + p.groupCost(sp.group, newGroup, newRes)
		if len(p.entries) > 0 && (size+add > MaxOTLPProto || p.spans[p.entries[0]].unsampled != sp.unsampled) {
			p.emit()
			size, add = 0, sp.body[1]-sp.body[0]+p.groupCost(sp.group, true, true)
		}
		p.entries = append(p.entries, i)
		size += add
	}
	if len(p.entries) > 0 {
		p.emit()
	}
}

// groupCost is what the scope (and the resource) of group g add to a
// datagram that does not carry them yet.
func (p *OTLPPacker) groupCost(g int32, scope, res bool) int {
	n := 0
	gr := &p.groups[g]
	if scope {
		n += groupOverhead + width(gr.head) + width(gr.tail)
	}
	if res {
		r := &p.resources[gr.res]
		n += groupOverhead + width(r.head) + width(r.tail)
	}
	return n
}

func width(r [2]int) int { return r[1] - r[0] }

// emit writes the datagram of the spans in p.entries and empties them.
func (p *OTLPPacker) emit() {
	slices.SortStableFunc(p.entries, func(x, y int32) int {
		gx, gy := p.spans[x].group, p.spans[y].group
		if rx, ry := p.groups[gx].res, p.groups[gy].res; rx != ry {
			return int(rx - ry)
		}
		return int(gx - gy)
	})
	b := p.proto[:0]
	for k := 0; k < len(p.entries); {
		res := p.groups[p.spans[p.entries[k]].group].res
		r := &p.resources[res]
		var rs int
		b, rs = openMsg(b, fReqResourceSpans)
		b = append(b, p.arena[r.head[0]:r.head[1]]...)
		for k < len(p.entries) && p.groups[p.spans[p.entries[k]].group].res == res {
			g := p.spans[p.entries[k]].group
			gr := &p.groups[g]
			var ss int
			b, ss = openMsg(b, fRSScopeSpans)
			b = append(b, p.arena[gr.head[0]:gr.head[1]]...)
			for ; k < len(p.entries) && p.spans[p.entries[k]].group == g; k++ {
				body := p.spans[p.entries[k]].body
				b = append(b, p.arena[body[0]:body[1]]...)
			}
			b = append(b, p.arena[gr.tail[0]:gr.tail[1]]...)
			b = closeMsg(b, ss)
		}
		b = append(b, p.arena[r.tail[0]:r.tail[1]]...)
		b = closeMsg(b, rs)
	}
	p.proto = b
	start := len(p.out)
	prefix := PrefixSampled
	if p.spans[p.entries[0]].unsampled {
		prefix = PrefixUnsampled
	}
	p.out = append(p.out, Header...)
	p.out = append(p.out, prefix...)
	p.out = base64.StdEncoding.AppendEncode(p.out, b)
	p.grams = append(p.grams, [2]int{start, len(p.out)})
	p.spansIn = append(p.spansIn, len(p.entries))
	p.entries = p.entries[:0]
}
