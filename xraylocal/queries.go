package xraylocal

import "strings"

// searchText is what a trace filter matches: the trace id, the names of
// spans and of the nodes they call, URLs, and the words error, throttle,
// fault, problems, orphan and "in-progress" when they apply.
func searchText(t *Trace) string {
	var b strings.Builder
	b.WriteString(t.ID)
	t.Walk(func(s *Span, _ int) bool {
		b.WriteString("\n" + s.Name)
		if s.Namespace != "" {
			for _, tg := range inferTargets(s) {
				b.WriteString("\n" + tg.name)
			}
		}
		if s.HTTP != nil {
			b.WriteString("\n" + s.HTTP.URL)
		}
		return true
	})
	for _, w := range []struct {
		on   bool
		word string
	}{{t.Error, "error"}, {t.Throttle, "throttle"}, {t.Fault, "fault"}, {t.Problems > 0, "problems"},
		{t.Orphans > 0, "orphan"}, {t.InProgress, "in-progress"}} {
		if w.on {
			b.WriteString("\n" + w.word)
		}
	}
	return strings.ToLower(b.String())
}

// matches reports whether every word of query is in text.
func matches(text, query string) bool {
	for _, w := range strings.Fields(strings.ToLower(query)) {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}
