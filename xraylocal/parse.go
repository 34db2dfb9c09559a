package xraylocal

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
)

// maxDepth bounds the nesting of subsegments followed in a document and the
// depth of an assembled tree. The exporter nests at most 64 levels.
const maxDepth = 256

// maxExceptions bounds the exceptions summarized per span.
const maxExceptions = 20

// rec is one (sub)segment as parsed from a document.
type rec struct {
	span Span // without Children
	// subs are the subsegments nested in it.
	subs []*rec
	// nestedIn is the id of the (sub)segment it is nested in, "" for a
	// document's top.
	nestedIn string
	// order is its position in arrival order, for ties.
	order int
}

// parsed is one document, decoded.
type parsed struct {
	top      *rec
	traceID  string
	spans    int   // recs in the tree
	tooDeep  bool  // subsegments deeper than maxDepth were left out
	noIDs    int   // nested subsegments without a usable id, left out
	complete bool  // top is not in progress
	retained int64 // heap the recs hold beyond spanCost each, see spanRetained
}

// decodeDocument decodes a document body: exactly one JSON object, as
// json.Unmarshal requires. It returns nil when body is not one.
func decodeDocument(body []byte) map[string]any {
	dec := json.NewDecoder(bytes.NewReader(body))
	dec.UseNumber()
	var m map[string]any
	if err := dec.Decode(&m); err != nil || m == nil {
		return nil
	}
	if off := dec.InputOffset(); off < 0 || off > int64(len(body)) || len(bytes.TrimSpace(body[off:])) > 0 {
		return nil // something follows the object: X-Ray rejects the whole
	}
	return m
}

// parseDocument turns a decoded document into recs. It never fails: fields
// of the wrong type are treated as absent. The caller checks that the top
// has an id and a trace id.
func parseDocument(m map[string]any) *parsed {
	p := &parsed{traceID: str(m, "trace_id")}
	p.top = p.parse(m, "", 0, true)
	p.complete = !p.top.span.InProgress
	return p
}

func (p *parsed) parse(m map[string]any, nestedIn string, depth int, top bool) *rec {
	r := &rec{nestedIn: nestedIn}
	s := &r.span
	s.ID = str(m, "id")
	s.Name = str(m, "name")
	s.Kind = "segment"
	if !top || str(m, "type") == "subsegment" {
		s.Kind = "subsegment"
	}
	s.Independent = top && s.Kind == "subsegment"
	s.ParentID = str(m, "parent_id")
	if nestedIn != "" {
		s.ParentID = nestedIn
	}
	s.Origin = str(m, "origin")
	s.Namespace = str(m, "namespace")
	s.Start = num(m, "start_time")
	s.End = num(m, "end_time")
	s.InProgress = m["in_progress"] == true
	switch {
	case s.InProgress:
		s.End = 0
	case s.End < s.Start:
		// No (or a broken) end_time: Validate reports it; drawn as instant.
		s.End = s.Start
	}
	s.Error, s.Throttle, s.Fault = m["error"] == true, m["throttle"] == true, m["fault"] == true
	s.HTTP = parseHTTP(obj(m, "http"))
	s.AWS = obj(m, "aws")
	s.SQL = obj(m, "sql")
	s.Annotations = obj(m, "annotations")
	s.Metadata = obj(m, "metadata")
	s.Exceptions = parseCause(m["cause"])
	s.Links = parseLinks(m["links"])
	p.spans++
	p.retained += spanRetained(s)

	subs, _ := m["subsegments"].([]any)
	if len(subs) == 0 {
		return r
	}
	if depth+1 >= maxDepth {
		p.tooDeep = true
		return r
	}
	for _, e := range subs {
		sm, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if str(sm, "id") == "" || s.ID == "" {
			p.noIDs++
			continue
		}
		r.subs = append(r.subs, p.parse(sm, s.ID, depth+1, false))
	}
	return r
}

// parseLinks returns the ids of a links array, at most 20.
func parseLinks(v any) []string {
	list, _ := v.([]any)
	var ids []string
	for _, l := range list {
		m, _ := l.(map[string]any)
		if id := str(m, "id"); id != "" && len(ids) < 20 {
			ids = append(ids, id)
		}
	}
	return ids
}

func parseHTTP(h map[string]any) *HTTPInfo {
	if h == nil {
		return nil
	}
	var out HTTPInfo
	if req := obj(h, "request"); req != nil {
		out.Method, out.URL = str(req, "method"), str(req, "url")
	}
	if resp := obj(h, "response"); resp != nil {
		if f := num(resp, "status"); f >= 100 && f < 1000 {
			out.Status = int(f)
		}
	}
	if out == (HTTPInfo{}) {
		return nil
	}
	return &out
}

func parseCause(v any) []Exception {
	c, ok := v.(map[string]any)
	if !ok {
		return nil
	}
	list, _ := c["exceptions"].([]any)
	var out []Exception
	for _, e := range list {
		m, ok := e.(map[string]any)
		if !ok {
			continue
		}
		if len(out) == maxExceptions {
			break
		}
		out = append(out, Exception{Type: str(m, "type"), Message: str(m, "message"), Remote: m["remote"] == true})
	}
	return out
}

// str returns m[k] if it is a string.
func str(m map[string]any, k string) string {
	s, _ := m[k].(string)
	return s
}

// obj returns m[k] if it is a non-empty object.
func obj(m map[string]any, k string) map[string]any {
	o, _ := m[k].(map[string]any)
	if len(o) == 0 {
		return nil
	}
	return o
}

// num returns m[k] if it is a finite, non-negative number, else 0.
func num(m map[string]any, k string) float64 {
	n, ok := m[k].(json.Number)
	if !ok {
		return 0
	}
	f, err := strconv.ParseFloat(n.String(), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return 0
	}
	return f
}
