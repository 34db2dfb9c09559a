package xraylocal

import "testing"

// TestLabelPlacement: labels of edges that run together, and labels that
// would sit on a node, move along their edge to a free place.
func TestLabelPlacement(t *testing.T) {
	nodes := []Node{{Name: "post", TypeLabel: "Lambda function", X: 100, Y: 100}, {Name: "orders", TypeLabel: "DynamoDB table", X: 500, Y: 100}}
	p := newLabelPlacer(nodes)
	curve := [8]float64{132, 100, 300, 100, 300, 100, 465, 100}
	var boxes []box
	for range 3 {
		before := len(p.taken)
		p.place(len("3 · 2.19ms"), curve)
		boxes = append(boxes, p.taken[before])
	}
	for i, a := range boxes {
		for _, n := range p.taken[:len(nodes)] {
			if a.overlap(n) > 0 {
				t.Errorf("label %d %+v covers a node %+v", i, a, n)
			}
		}
		for j, b := range boxes[:i] {
			if a.overlap(b) > 0 {
				t.Errorf("labels %d %+v and %d %+v overlap", i, a, j, b)
			}
		}
	}
}
