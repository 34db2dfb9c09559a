package xraylocal

import "math"

// box is an area of the service map drawing, for placing edge labels
// where they cover no node and no other label.
type box struct{ x0, y0, x1, y1 float64 }

func (a box) overlap(b box) float64 {
	w := math.Min(a.x1, b.x1) - math.Max(a.x0, b.x0)
	h := math.Min(a.y1, b.y1) - math.Max(a.y0, b.y0)
	if w <= 0 || h <= 0 {
		return 0
	}
	return w * h
}

// labelPlacer remembers what is drawn where: the nodes (circle, name and
// type) and the edge labels placed so far.
type labelPlacer struct{ taken []box }

// newLabelPlacer takes the area of every node.
func newLabelPlacer(nodes []Node) *labelPlacer {
	p := &labelPlacer{}
	r := nodeRadius
	for _, n := range nodes {
		// The name is in bold 13px (about 9px a character), the type in 11px.
		name, typ := min(len([]rune(n.Name)), maxLabel), min(len([]rune(n.TypeLabel)), maxLabel+6)
		half := math.Max(r, math.Max(4.6*float64(name), 3.2*float64(typ))) + 2
		p.taken = append(p.taken, box{n.X - half, n.Y - r - 2, n.X + half, n.Y + r + 36})
	}
	return p
}

// addCurve takes the points of the cubic curve c, so that labels avoid
// the lines of other edges where they can.
func (p *labelPlacer) addCurve(c [8]float64) {
	for i := 1; i < 24; i++ {
		t := float64(i) / 24
		x, y := bezier(t, c[0], c[2], c[4], c[6]), bezier(t, c[1], c[3], c[5], c[7])
		p.taken = append(p.taken, box{x - 1, y - 1, x + 1, y + 1})
	}
}

// labelTries are the places along an edge's curve a label may go, best
// first: two thirds along (where fanned-out edges part), then nearer the
// middle, then further out.
var labelTries = []float64{0.68, 0.55, 0.8, 0.42, 0.9, 0.3, 0.2}

// place returns where the centre of the baseline of a label of n
// characters goes on the cubic curve c (x0,y0 … x3,y3), above the line or
// else below it: the first try that covers nothing drawn, else the one
// that covers least. It takes the area.
func (p *labelPlacer) place(n int, c [8]float64) (x, y float64) {
	w, h := 6.1*float64(n)+4, 13.0 // 11px text
	best, bestCover := box{}, math.Inf(1)
	for _, below := range []float64{0, 17} {
		for _, t := range labelTries {
			cx, cy := bezier(t, c[0], c[2], c[4], c[6]), bezier(t, c[1], c[3], c[5], c[7])-4+below
			b := box{cx - w/2, cy - h + 3, cx + w/2, cy + 3}
			cover := 0.0
			for _, o := range p.taken {
				cover += o.overlap(b)
			}
			if cover < bestCover {
				best, bestCover = b, cover
			}
			if cover == 0 {
				p.taken = append(p.taken, best)
				return cx, cy
			}
		}
	}
	p.taken = append(p.taken, best)
	return (best.x0 + best.x1) / 2, best.y1 - 3
}
