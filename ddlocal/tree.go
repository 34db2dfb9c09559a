package ddlocal

import (
	"fmt"
	"io"
	"sort"
	"strings"
	"time"
)

// WriteTree writes the trace as a tree, one line per span, indented under
// its parent: service, name, resource, type, start offset and duration,
// ERROR, and the span's links.
func (t *Trace) WriteTree(w io.Writer) error {
	var b strings.Builder
	id := t.XRayTraceID()
	if id == "" {
		id = fmt.Sprintf("%d", t.TraceID)
	}
	fmt.Fprintf(&b, "datadog trace %s  %d spans\n", id, len(t.Spans))
	var start time.Time
	for i := range t.Spans {
		if s := t.Spans[i].Start; start.IsZero() || s.Before(start) {
			start = s
		}
	}
	seen := map[*Span]bool{}
	var walk func(s *Span, prefix string, last bool)
	walk = func(s *Span, prefix string, last bool) {
		if seen[s] {
			return
		}
		seen[s] = true
		branch, next := "├─ ", "│  "
		if last {
			branch, next = "└─ ", "   "
		}
		b.WriteString(prefix + branch + spanLine(s, start) + "\n")
		for _, l := range s.Links {
			fmt.Fprintf(&b, "%s%s  ↪ linked to trace %s span %d\n", prefix, next, linkTrace(&l), l.SpanID)
		}
		kids := t.Children(s)
		for i, c := range kids {
			walk(c, prefix+next, i == len(kids)-1)
		}
	}
	roots := t.Roots()
	sortByStart(roots)
	for i, r := range roots {
		walk(r, "", i == len(roots)-1)
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func linkTrace(l *Link) string {
	if id := l.XRayTraceID(); id != "" {
		return id
	}
	return fmt.Sprintf("%d", l.TraceID)
}

func spanLine(s *Span, start time.Time) string {
	line := fmt.Sprintf("%s  %s", s.Service, s.Name)
	if s.Resource != "" && s.Resource != s.Name {
		line += "  " + s.Resource
	}
	if s.Type != "" {
		line += "  [" + s.Type + "]"
	}
	line += fmt.Sprintf("  +%v %v", s.Start.Sub(start).Round(time.Microsecond), s.Duration.Round(time.Microsecond))
	if s.Error {
		line += "  ERROR"
		if m := s.Meta["error.message"]; m != "" {
			line += " " + clip(m, 60)
		}
	}
	return line
}

// WriteTraces writes every trace received as a tree (see [Trace.WriteTree]).
func (s *Server) WriteTraces(w io.Writer) error {
	for _, t := range s.Traces() {
		if err := t.WriteTree(w); err != nil {
			return err
		}
	}
	return nil
}

// WriteMetrics writes every metric received, grouped by name, type and
// tags: the number of values, and their sum (count), last value (gauge) or
// values (others).
func (s *Server) WriteMetrics(w io.Writer) error {
	type group struct {
		key    string
		values []Metric
	}
	groups := map[string]*group{}
	var keys []string
	for _, m := range s.Metrics() {
		tags := append([]string(nil), m.Tags...)
		sort.Strings(tags)
		k := m.Name + "|" + m.Type + "|" + strings.Join(tags, ",")
		g := groups[k]
		if g == nil {
			g = &group{key: k}
			groups[k] = g
			keys = append(keys, k)
		}
		g.values = append(g.values, m)
	}
	sort.Strings(keys)
	var b strings.Builder
	fmt.Fprintf(&b, "datadog metrics: %d series\n", len(keys))
	for _, k := range keys {
		g := groups[k]
		m := g.values[0]
		fmt.Fprintf(&b, "  %s (%s) %s", m.Name, m.Type, summary(g.values))
		if len(m.Tags) > 0 {
			fmt.Fprintf(&b, "  #%s", strings.Join(m.Tags, ","))
		}
		b.WriteString("\n")
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func summary(ms []Metric) string {
	switch ms[0].Type {
	case "c":
		sum := 0.0
		for _, m := range ms {
			sum += m.Value / m.Rate
		}
		return fmt.Sprintf("sum %g", sum)
	case "g":
		return fmt.Sprintf("last %g", ms[len(ms)-1].Value)
	}
	var vs []string
	for i, m := range ms {
		if i == 10 {
			vs = append(vs, fmt.Sprintf("... (%d values)", len(ms)))
			break
		}
		if m.Type == "s" {
			vs = append(vs, m.Text)
		} else {
			vs = append(vs, fmt.Sprintf("%g", m.Value))
		}
	}
	return "values " + strings.Join(vs, " ")
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}
