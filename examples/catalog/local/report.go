package main

import (
	"fmt"
	"io"

	"github.com/otelxray/otelxray/xraylocal"
)

// report prints each call's trace, then the traces linked to it, then any
// other trace, then the service map.
func report(w io.Writer, srv *xraylocal.Server, calls []call, f findings) {
	printed := map[string]bool{}
	tree := func(id string) {
		if t, ok := srv.Trace(id); ok && !printed[id] {
			printed[id] = true
			fmt.Fprintln(w)
			_ = t.WriteTree(w)
		}
	}
	fmt.Fprintf(w, "\n== %d traces, as xraylocal received them\n%s", len(f.traces), xraylocal.TreeLegend)
	for _, c := range calls {
		tree(c.root)
		if !c.mutates() {
			continue
		}
		for l, by := range f.linkedFrom {
			if l.trace != c.root {
				continue
			}
			for _, fn := range []string{fnInventory, fnAnalytics} {
				for _, id := range by[fn] {
					fmt.Fprintf(w, "\n  %s ran in a trace of its own, %s, linked (not parented) to the PutEvents %s above:\n", fn, id, l.id)
					tree(id)
				}
			}
		}
	}
	for _, id := range f.traces {
		tree(id)
	}
	fmt.Fprintf(w, "\n== service map: who called whom (Client: the demo's HTTP requests)\n%s", srv.ServiceMap())
}
