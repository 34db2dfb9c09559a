package xraylocal

import (
	"cmp"
	"slices"
)

// Layout dimensions, in pixels.
const (
	layoutColW      = 240.0
	layoutRowH      = 112.0
	layoutMarginX   = 110.0
	layoutMarginTop = 50.0
	layoutMarginBot = 110.0 // labels, and the legend
	nodeRadius      = 28.0
)

// layout places the nodes of m in layers from left to right, each node one
// layer right of the furthest node that calls it (edges closing a cycle are
// marked Back and ignored), orders each layer to keep edges short
// (barycentre sweeps), and sets the coordinates. It depends only on the
// sorted nodes and edges, so the same map is always drawn the same way.
func layout(m *ServiceMap, index map[string]int) {
	n := len(m.Nodes)
	if n == 0 {
		m.Width, m.Height = 2*layoutMarginX+layoutColW, layoutMarginTop+layoutMarginBot
		return
	}
	out := make([][]int, n) // node -> edge indexes
	in := make([]int, n)
	for i, e := range m.Edges {
		f, t := index[e.From], index[e.To]
		if f == t {
			m.Edges[i].Back = true
			continue
		}
		out[f] = append(out[f], i)
		in[t]++
	}

	// Break cycles: depth first from the sources, then from the rest.
	state := make([]int8, n) // 0 new, 1 on the stack, 2 done
	var dfs func(v int)
	dfs = func(v int) {
		state[v] = 1
		for _, ei := range out[v] {
			t := index[m.Edges[ei].To]
			switch state[t] {
			case 0:
				dfs(t)
			case 1:
				m.Edges[ei].Back = true
			}
		}
		state[v] = 2
	}
	for v := range n {
		if in[v] == 0 && state[v] == 0 {
			dfs(v)
		}
	}
	for v := range n {
		if state[v] == 0 {
			dfs(v)
		}
	}

	// Longest-path layers over the forward edges, in topological order.
	indeg := make([]int, n)
	preds := make([][]int, n)
	succs := make([][]int, n)
	for _, e := range m.Edges {
		if e.Back {
			continue
		}
		f, t := index[e.From], index[e.To]
		indeg[t]++
		preds[t] = append(preds[t], f)
		succs[f] = append(succs[f], t)
	}
	layer := make([]int, n)
	done := make([]bool, n)
	for range n {
		v := -1
		for u := range n { // the lowest-index ready node: deterministic
			if !done[u] && indeg[u] == 0 {
				v = u
				break
			}
		}
		if v < 0 {
			break // cannot happen: back edges were removed
		}
		done[v] = true
		for _, t := range succs[v] {
			layer[t] = max(layer[t], layer[v]+1)
			indeg[t]--
		}
	}
	maxLayer := slices.Max(layer)
	layers := make([][]int, maxLayer+1)
	for v := range n {
		layers[layer[v]] = append(layers[layer[v]], v)
	}

	// Order within layers by the barycentre of neighbours, down then up.
	offset := make([]float64, n) // row relative to the layer's centre
	setOffsets := func() {
		for _, l := range layers {
			for r, v := range l {
				offset[v] = float64(r) - float64(len(l)-1)/2
			}
		}
	}
	setOffsets()
	sweep := func(l []int, nbrs [][]int) {
		bary := make(map[int]float64, len(l))
		for _, v := range l {
			if len(nbrs[v]) == 0 {
				bary[v] = offset[v]
				continue
			}
			sum := 0.0
			for _, u := range nbrs[v] {
				sum += offset[u]
			}
			bary[v] = sum / float64(len(nbrs[v]))
		}
		slices.SortStableFunc(l, func(a, b int) int { return cmp.Compare(bary[a], bary[b]) })
		for r, v := range l {
			offset[v] = float64(r) - float64(len(l)-1)/2
		}
	}
	for range 3 {
		for i := 1; i <= maxLayer; i++ {
			sweep(layers[i], preds)
		}
		for i := maxLayer - 1; i >= 0; i-- {
			sweep(layers[i], succs)
		}
	}
	setOffsets()

	maxRows := 0
	for _, l := range layers {
		maxRows = max(maxRows, len(l))
	}
	mid := layoutMarginTop + float64(maxRows-1)/2*layoutRowH
	for li, l := range layers {
		for r, v := range l {
			nd := &m.Nodes[v]
			nd.Layer, nd.Row = li, r
			nd.X = layoutMarginX + float64(li)*layoutColW
			nd.Y = mid + offset[v]*layoutRowH
		}
	}
	m.Width = 2*layoutMarginX + float64(maxLayer)*layoutColW
	m.Height = layoutMarginTop + float64(maxRows-1)*layoutRowH + layoutMarginBot
}
