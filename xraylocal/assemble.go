package xraylocal

import (
	"cmp"
	"math"
	"slices"

	"github.com/otelxray/otelxray/metadata"
)

// assemble merges the documents of tr into span trees, as X-Ray does: each
// id once (a complete version over an in-progress one, else the latest),
// nested subsegments under the document they came in, every other span
// under its parent_id, in whatever order the documents arrived. A span
// whose parent was not received is a root marked Orphan. Cycles of
// parent_ids and trees deeper than maxDepth are cut into further roots, so
// every span appears exactly once.
func (tr *traceSnap) assemble() *Trace {
	docs := slices.Clone(tr.docs)
	slices.SortFunc(docs, func(a, b *docState) int { return cmp.Compare(a.seq, b.seq) })

	// Pick one rec per id.
	byID := make(map[string]*rec, tr.spans)
	var ids []string // in arrival order
	var pick func(r *rec)
	pick = func(r *rec) {
		if e, ok := byID[r.span.ID]; !ok {
			ids = append(ids, r.span.ID)
			byID[r.span.ID] = r
		} else if !(r.span.InProgress && !e.span.InProgress) {
			byID[r.span.ID] = r
		}
		for _, c := range r.subs {
			pick(c)
		}
	}
	t := &Trace{Documents: make([]RawDocument, 0, len(docs))}
	for _, d := range docs {
		pick(d.p.top)
		t.Documents = append(t.Documents, d.raw)
	}

	// Copy into Spans and link them.
	spans := make(map[string]*Span, len(byID))
	order := make(map[*Span]int, len(byID))
	list := make([]*Span, 0, len(ids))
	for _, id := range ids {
		r := byID[id]
		s := new(Span)
		*s = r.span
		spans[id] = s
		order[s] = r.order
		list = append(list, s)
	}
	byStart := func(a, b *Span) int {
		if c := cmp.Compare(a.Start, b.Start); c != 0 {
			return c
		}
		return cmp.Compare(order[a], order[b])
	}
	slices.SortStableFunc(list, byStart)
	var roots []*Span
	for _, s := range list {
		p, ok := spans[s.ParentID]
		switch {
		case s.ParentID == "" || s.ParentID == s.ID:
			roots = append(roots, s)
		case !ok:
			s.Orphan = true
			roots = append(roots, s)
		default:
			p.Children = append(p.Children, s)
		}
	}

	// Walk from the roots; cut cycles and over-deep chains into new roots.
	visited := make(map[*Span]bool, len(list))
	var walk func(s *Span, service string, depth int)
	walk = func(s *Span, service string, depth int) {
		visited[s] = true
		if s.Kind == "segment" || service == "" {
			service = s.Name
		}
		s.Service = service
		kids := s.Children
		s.Children = nil
		for _, k := range kids {
			if !visited[k] && depth+1 < maxDepth {
				s.Children = append(s.Children, k)
				walk(k, service, depth+1)
			}
		}
	}
	for _, r := range roots {
		walk(r, "", 0)
	}
	for _, s := range list {
		if !visited[s] {
			roots = append(roots, s)
			walk(s, "", 0)
		}
	}
	t.Roots = roots
	tr.summarize(t)
	return t
}

// summarize fills t's summary from its spans.
func (tr *traceSnap) summarize(t *Trace) {
	sum := &t.TraceSummary
	sum.ID = tr.id
	sum.DocumentCount = len(tr.docs)
	sum.Problems = tr.problems
	sum.Received, sum.Updated = tr.first, tr.last
	sum.Complete = tr.reported
	if len(t.Roots) > 0 {
		r := t.Roots[0]
		sum.Root = r.Name
		if r.HTTP != nil {
			sum.Method, sum.URL, sum.Status = r.HTTP.Method, r.HTTP.URL, r.HTTP.Status
		}
	}
	for _, r := range t.Roots {
		if def, ok := r.Metadata["default"].(map[string]any); ok {
			if rule, ok := def[string(metadata.SamplingRuleKey)].(string); ok && rule != "" {
				sum.SamplingRule = rule
				break
			}
		}
	}
	seen := map[string]bool{}
	first := true
	t.Walk(func(s *Span, depth int) bool {
		sum.Spans++
		if first || s.Start < sum.Start {
			sum.Start = s.Start
		}
		end := max(s.End, s.Start)
		if first || end > sum.End {
			sum.End = end
		}
		first = false
		sum.Error = sum.Error || s.Error
		sum.Throttle = sum.Throttle || s.Throttle
		sum.Fault = sum.Fault || s.Fault
		sum.InProgress = sum.InProgress || s.InProgress
		if s.Orphan {
			sum.Orphans++
		}
		if (s.Kind == "segment" || depth == 0) && !seen[s.Service] {
			seen[s.Service] = true
			sum.Services = append(sum.Services, s.Service)
		}
		return true
	})
	if sum.Services == nil {
		sum.Services = []string{}
	}
	sum.DurationMS = math.Round((sum.End-sum.Start)*1e6) / 1e3 // to the microsecond
}
