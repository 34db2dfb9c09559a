package xraylocal

import (
	"fmt"
	"io"
	"math"
	"strings"
	"unicode/utf8"
)

// Colours of the map, as in the X-Ray console: green OK, orange error
// (4xx), purple throttle (429), red fault (5xx).
const (
	colorOK       = "#2e8540"
	colorError    = "#e07b00"
	colorThrottle = "#7b3fc4"
	colorFault    = "#d13212"
	colorIdle     = "#9aa5b1"
	colorEdge     = "#8d99a8"
	colorText     = "#16191f"
	colorSubtle   = "#5f6b7a"
	svgFont       = "system-ui, -apple-system, Segoe UI, Roboto, Helvetica, Arial, sans-serif"
)

// maxLabel is the longest node label drawn, in characters; the full name is
// in the node's tooltip.
const maxLabel = 26

// WriteSVG draws m as a standalone SVG image: nodes as circles ringed by the
// share of OK, error, throttle and fault requests, with name, type, average
// latency and request count; edges as arrows labelled with requests and
// average latency; and a legend. Every element carries its data in
// attributes (class "node", data-id, data-name, data-type), and styles are
// attributes, so the image works inline under a strict
// Content-Security-Policy.
func (m *ServiceMap) WriteSVG(w io.Writer) error {
	var b strings.Builder
	width, height := math.Max(m.Width, 520), math.Max(m.Height, 200)
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" class="servicemap" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-label="Service map" font-family="%s">`+"\n",
		f1(width), f1(height), f1(width), f1(height), svgFont)
	b.WriteString("<defs>")
	for _, c := range []struct{ id, color string }{{"edge", colorEdge}, {"error", colorError}, {"throttle", colorThrottle}, {"fault", colorFault}} {
		fmt.Fprintf(&b, `<marker id="xl-arrow-%s" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0,0L10,5L0,10z" fill="%s"/></marker>`, c.id, c.color)
	}
	b.WriteString("</defs>\n")

	byID := make(map[string]*Node, len(m.Nodes))
	for i := range m.Nodes {
		byID[m.Nodes[i].ID] = &m.Nodes[i]
	}
	if len(m.Nodes) == 0 {
		fmt.Fprintf(&b, `<text class="empty" x="%s" y="%s" text-anchor="middle" font-size="15" fill="%s">No traces yet: send segment documents to the daemon address.</text>`+"\n",
			f1(width/2), f1(height/2-20), colorSubtle)
	}
	b.WriteString(`<g class="edges">` + "\n")
	labels := newLabelPlacer(m.Nodes)
	for _, e := range m.Edges {
		if from, to := byID[e.From], byID[e.To]; from != nil && to != nil {
			labels.addCurve(edgeCurve(e, from, to))
		}
	}
	var texts strings.Builder
	for _, e := range m.Edges {
		if from, to := byID[e.From], byID[e.To]; from != nil && to != nil {
			writeEdge(&b, &texts, e, from, to, labels)
		}
	}
	// Labels go over every edge, so that no line crosses one.
	b.WriteString("</g>\n<g class=\"edge-labels\">\n" + texts.String())
	b.WriteString("</g>\n<g class=\"nodes\">\n")
	for i := range m.Nodes {
		writeNode(&b, &m.Nodes[i])
	}
	b.WriteString("</g>\n")
	writeLegend(&b, height, m.Omitted)
	b.WriteString("</svg>\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// edgeColor returns the class and colour of an edge by its worst outcome.
func edgeColor(s Statistics) (string, string) {
	switch {
	case s.Faults > 0:
		return "fault", colorFault
	case s.Throttles > 0:
		return "throttle", colorThrottle
	case s.Errors > 0:
		return "error", colorError
	}
	return "edge", colorEdge
}

// edgeCurve returns the cubic curve of an edge: start, two control points,
// end.
func edgeCurve(e Edge, from, to *Node) [8]float64 {
	r := nodeRadius
	switch {
	case from == to:
		x, y := from.X, from.Y-r
		return [8]float64{x - 10, y, x - 45, y - 55, x + 45, y - 55, x + 10, y}
	case e.Back || to.X <= from.X:
		x1, y1, x2, y2 := from.X, from.Y+r, to.X, to.Y+r
		drop := 50 + math.Abs(x2-x1)/6
		return [8]float64{x1, y1, x1, y1 + drop, x2, y2 + drop, x2, y2 + 4}
	}
	x1, y1, x2, y2 := from.X+r, from.Y, to.X-r-3, to.Y
	dx := (x2 - x1) / 2
	return [8]float64{x1, y1, x1 + dx, y1, x2 - dx, y2, x2, y2}
}

// writeEdge writes the edge to b and its label to texts.
func writeEdge(b, texts *strings.Builder, e Edge, from, to *Node, labels *labelPlacer) {
	class, color := edgeColor(e.Stats)
	c := edgeCurve(e, from, to)
	d := fmt.Sprintf("M%s,%s C%s,%s %s,%s %s,%s", f1(c[0]), f1(c[1]), f1(c[2]), f1(c[3]), f1(c[4]), f1(c[5]), f1(c[6]), f1(c[7]))
	fmt.Fprintf(b, `<g class="edge %s" data-from="%s" data-to="%s"><title>%s → %s&#10;%s</title>`,
		class, esc(e.From), esc(e.To), esc(from.Name), esc(to.Name), esc(statsText(e.Stats)))
	fmt.Fprintf(b, `<path d="%s" fill="none" stroke="%s" stroke-width="1.6" marker-end="url(#xl-arrow-%s)"/>`, d, color, class)
	if e.Stats.Requests > 0 {
		text := plainCount(e.Stats.Requests) + " · " + fmtLatency(e.Stats.Latency.Avg)
		lx, ly := labels.place(len([]rune(text)), c)
		fmt.Fprintf(texts, `<text class="edge-label" data-from="%s" data-to="%s" x="%s" y="%s" text-anchor="middle" font-size="11" fill="%s" stroke="#fff" stroke-width="3" paint-order="stroke">%s</text>`+"\n",
			esc(e.From), esc(e.To), f1(lx), f1(ly), colorSubtle, text)
	}
	b.WriteString("</g>\n")
}

func writeNode(b *strings.Builder, n *Node) {
	r := nodeRadius
	class := "node"
	if n.Inferred {
		class += " inferred"
	}
	if n.Type == TypeClient {
		class += " client"
	}
	fmt.Fprintf(b, `<g class="%s" data-id="%s" data-name="%s" data-type="%s" transform="translate(%s %s)" tabindex="0"><title>%s&#10;%s&#10;%s</title>`,
		class, esc(n.ID), esc(n.Name), esc(n.Type), f1(n.X), f1(n.Y), esc(n.Name), esc(n.Type), esc(statsText(n.Stats)))
	fill := "#ffffff"
	if n.Type == TypeClient {
		fill = "#eef1f4"
	}
	fmt.Fprintf(b, `<circle r="%s" fill="%s"/>`, f1(r), fill)
	writeRing(b, n.Stats, r)
	s := n.Stats
	if n.Type == TypeClient {
		fmt.Fprintf(b, `<text y="4" text-anchor="middle" font-size="11" fill="%s">client</text>`, colorSubtle)
	} else if s.Requests > 0 {
		fmt.Fprintf(b, `<text class="latency" y="0" text-anchor="middle" font-size="11" font-weight="600" fill="%s">%s</text>`, colorText, fmtLatency(s.Latency.Avg))
		fmt.Fprintf(b, `<text class="requests" y="13" text-anchor="middle" font-size="10" fill="%s">%s req</text>`, colorSubtle, plainCount(s.Requests))
	}
	fmt.Fprintf(b, `<text class="label" y="%s" text-anchor="middle" font-size="13" font-weight="600" fill="%s">%s</text>`, f1(r+18), colorText, esc(shorten(n.Name, maxLabel)))
	if n.Type != TypeClient {
		fmt.Fprintf(b, `<text class="type" y="%s" text-anchor="middle" font-size="11" fill="%s">%s</text>`, f1(r+32), colorSubtle, esc(shorten(n.TypeLabel, maxLabel+6)))
	}
	b.WriteString("</g>\n")
}

// writeRing draws the node's outline as shares of OK, error (without
// throttles), throttle and fault requests.
func writeRing(b *strings.Builder, s Statistics, r float64) {
	parts := []struct {
		n     int
		color string
		class string
	}{{s.OK, colorOK, "ok"}, {s.Errors - s.Throttles, colorError, "error"}, {s.Throttles, colorThrottle, "throttle"}, {s.Faults, colorFault, "fault"}}
	total := 0
	for _, p := range parts {
		total += max(p.n, 0)
	}
	if total == 0 {
		fmt.Fprintf(b, `<circle class="ring idle" r="%s" fill="none" stroke="%s" stroke-width="3"/>`, f1(r), colorIdle)
		return
	}
	at := 0.0
	for _, p := range parts {
		if p.n <= 0 {
			continue
		}
		l := 100 * float64(p.n) / float64(total)
		fmt.Fprintf(b, `<circle class="ring %s" r="%s" fill="none" stroke="%s" stroke-width="5" pathLength="100" stroke-dasharray="%s 100" stroke-dashoffset="%s" transform="rotate(-90)"/>`,
			p.class, f1(r), p.color, f2(l), f2(-at))
		at += l
	}
}

func writeLegend(b *strings.Builder, height float64, omitted int) {
	y := height - 24
	fmt.Fprintf(b, `<g class="legend" transform="translate(16 %s)" font-size="11" fill="%s">`, f1(y), colorText)
	x := 0.0
	for _, it := range []struct{ label, color string }{
		{"OK", colorOK}, {"Error (4xx)", colorError}, {"Throttle (429)", colorThrottle}, {"Fault (5xx)", colorFault},
	} {
		fmt.Fprintf(b, `<circle cx="%s" cy="0" r="6" fill="none" stroke="%s" stroke-width="4"/><text x="%s" y="4">%s</text>`, f1(x+6), it.color, f1(x+17), it.label)
		x += 30 + 6.5*float64(len(it.label))
	}
	note := "ring: share of requests · edges: requests · average latency"
	if omitted > 0 {
		note += fmt.Sprintf(" · %d quieter nodes not drawn", omitted)
	}
	fmt.Fprintf(b, `<text x="%s" y="4" fill="%s">%s</text></g>`+"\n", f1(x+10), colorSubtle, note)
}

// bezier evaluates one coordinate of a cubic Bézier curve at t.
func bezier(t, p0, p1, p2, p3 float64) float64 {
	u := 1 - t
	return u*u*u*p0 + 3*u*u*t*p1 + 3*u*t*t*p2 + t*t*t*p3
}

// statsText is the tooltip text of statistics.
func statsText(s Statistics) string {
	if s.Requests == 0 {
		return "no finished requests"
	}
	l := s.Latency
	return fmt.Sprintf("%s: %d OK, %d errors (%d throttled), %d faults; latency avg %s, p50 %s, p90 %s, p95 %s, p99 %s, max %s",
		plural(s.Requests, "request"), s.OK, s.Errors, s.Throttles, s.Faults,
		fmtLatency(l.Avg), fmtLatency(l.P50), fmtLatency(l.P90), fmtLatency(l.P95), fmtLatency(l.P99), fmtLatency(l.Max))
}

// fmtLatency formats seconds briefly: "850µs", "12.3ms", "1.25s".
func fmtLatency(sec float64) string {
	switch {
	case sec < 0.001:
		return fmt.Sprintf("%.0fµs", sec*1e6)
	case sec < 0.01:
		return fmt.Sprintf("%.2fms", sec*1e3)
	case sec < 0.1:
		return fmt.Sprintf("%.1fms", sec*1e3)
	case sec < 1:
		return fmt.Sprintf("%.0fms", sec*1e3)
	}
	return fmt.Sprintf("%.2fs", sec)
}

func plainCount(n int) string {
	if n >= 10000 {
		return fmt.Sprintf("%.1fk", float64(n)/1000)
	}
	return fmt.Sprint(n)
}

// f1 and f2 format coordinates with fixed precision, for stable output.
func f1(f float64) string { return trimZeros(fmt.Sprintf("%.1f", f)) }
func f2(f float64) string { return trimZeros(fmt.Sprintf("%.2f", f)) }

func trimZeros(s string) string {
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	if s == "-0" {
		return "0"
	}
	return s
}

// shorten cuts s to n characters, marking the cut with "…".
func shorten(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + "…"
}

// esc escapes s for XML text and attributes, replacing characters XML 1.0
// forbids.
func esc(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch {
		case r == '&':
			b.WriteString("&amp;")
		case r == '<':
			b.WriteString("&lt;")
		case r == '>':
			b.WriteString("&gt;")
		case r == '"':
			b.WriteString("&quot;")
		case r == '\'':
			b.WriteString("&#39;")
		case r == '\n' || r == '\t' || r == '\r':
			b.WriteString(" ")
		case r < 0x20, r >= 0xD800 && r <= 0xDFFF, r == 0xFFFE, r == 0xFFFF:
			b.WriteRune(utf8.RuneError)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
