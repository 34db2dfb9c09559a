package wire

import (
	"go.opentelemetry.io/otel/attribute"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"
	"google.golang.org/protobuf/encoding/protowire"
)

// groupOf returns the group of s's resource and scope, encoding them the
// first time they are seen.
func (p *OTLPPacker) groupOf(s sdktrace.ReadOnlySpan) int32 {
	if p.resByPtr == nil {
		p.resByPtr = make(map[any]int32)
		p.scopes = make(map[scopeKey]int32)
	}
	r := s.Resource()
	res, ok := p.resByPtr[r]
	if !ok {
		res = int32(len(p.resources))
		p.resByPtr[r] = res
		var attrs []attribute.KeyValue
		schema := ""
		if r != nil {
			attrs, schema = r.Attributes(), r.SchemaURL()
		}
		var o otlpResource
		o.head[0] = len(p.arena)
		var start int
		p.arena, start = openMsg(p.arena, fRSResource)
		p.arena = appendAttrsLimited(p.arena, fResAttributes, fResDropped, attrs, maxResourceBytes)
		p.arena = closeMsg(p.arena, start)
		o.head[1] = len(p.arena)
		o.tail = p.appendSchema(fRSSchemaURL, schema)
		p.resources = append(p.resources, o)
	}
	sc := s.InstrumentationScope()
	key := scopeKey{res: res, name: sc.Name, version: sc.Version, schemaURL: sc.SchemaURL, attrs: sc.Attributes.Equivalent()}
	if g, ok := p.scopes[key]; ok {
		return g
	}
	g := otlpGroup{res: res}
	g.head[0] = len(p.arena)
	var start int
	p.arena, start = openMsg(p.arena, fSSScope)
	p.arena = appendStringField(p.arena, fScopeName, validUTF8(sc.Name, otlpNameMax))
	if sc.Version != "" {
		p.arena = appendStringField(p.arena, fScopeVersion, validUTF8(sc.Version, otlpNameMax))
	}
	p.arena = appendAttrsLimited(p.arena, fScopeAttributes, fScopeDropped, sc.Attributes.ToSlice(), maxScopeBytes)
	p.arena = closeMsg(p.arena, start)
	g.head[1] = len(p.arena)
	g.tail = p.appendSchema(fSSSchemaURL, sc.SchemaURL)
	id := int32(len(p.groups))
	p.groups = append(p.groups, g)
	p.scopes[key] = id
	return id
}

// appendSchema appends a schema_url field (if url is set) to the arena and
// returns its bounds.
func (p *OTLPPacker) appendSchema(f protowire.Number, url string) [2]int {
	start := len(p.arena)
	if url != "" {
		p.arena = appendStringField(p.arena, f, validUTF8(url, otlpNameMax))
	}
	return [2]int{start, len(p.arena)}
}

// appendAttrsLimited appends attrs as field f; when they take more than max
// bytes, strings are cut and then the largest attributes left out, counted
// in the dropped field.
func appendAttrsLimited(b []byte, f, droppedField protowire.Number, attrs []attribute.KeyValue, max int) []byte {
	start := len(b)
	b = appendKeyValues(nil, b, f, attrs, -1, nil)
	if len(b)-start <= max {
		return b
	}
	b = appendKeyValues(nil, b[:start], f, attrs, otlpNameMax, nil)
	if len(b)-start <= max {
		return b
	}
	skip, dropped := largestFirst(attrs, f, otlpNameMax, len(b)-start-max)
	b = appendKeyValues(nil, b[:start], f, attrs, otlpNameMax, skip)
	return appendVarintField(b, droppedField, uint64(dropped))
}

// dropOrphans drops, with their descendants in the batch, the spans whose
// parent was dropped (see Drop).
func (p *OTLPPacker) dropOrphans() {
	if len(p.dropped) == 0 {
		return
	}
	for changed := true; changed; {
		changed = false
		kept := p.spans[:0]
		for _, sp := range p.spans {
			parent := sp.s.Parent()
			if _, gone := p.dropped[parent.SpanID()]; gone && parent.HasSpanID() {
				p.dropped[sp.s.SpanContext().SpanID()] = struct{}{}
				p.orphans++
				changed = true
				continue
			}
			kept = append(kept, sp)
		}
		clear(p.spans[len(kept):])
		p.spans = kept
	}
}

// measureDepths sets each span's distance from the top of its chain of
// parents in the batch (a cycle, possible only with hand-made IDs, counts
// from where it was entered).
func (p *OTLPPacker) measureDepths() {
	if p.byID == nil {
		p.byID = make(map[trace.SpanID]int32, len(p.spans))
	}
	for i := range p.spans {
		p.byID[p.spans[i].s.SpanContext().SpanID()] = int32(i)
		p.spans[i].depth = -1
	}
	var stack []int32
	for i := range p.spans {
		stack = stack[:0]
		j := int32(i)
		for p.spans[j].depth < 0 {
			up, ok := p.byID[p.spans[j].s.Parent().SpanID()]
			if !ok || up == j || len(stack) > len(p.spans) || p.spans[up].s.SpanContext().TraceID() != p.spans[j].s.SpanContext().TraceID() {
				p.spans[j].depth = 0
				break
			}
			stack = append(stack, j)
			j = up
		}
		for k := len(stack) - 1; k >= 0; k-- {
			c := stack[k]
			up := p.byID[p.spans[c].s.Parent().SpanID()]
			p.spans[c].depth = p.spans[up].depth + 1
		}
	}
}
