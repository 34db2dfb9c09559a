package main

import (
	"fmt"
	"io"
	"net/http"

	"github.com/otelxray/otelxray/xraylocal"
)

// report prints the traces as trees, each POST's followed by the
// handle-change traces linked to its SendMessage, then the traces no call
// named (if any), then the service map.
func report(w io.Writer, srv *xraylocal.Server, calls []call, f findings) {
	printed := map[string]bool{}
	tree := func(id string) {
		if t, ok := srv.Trace(id); ok && !printed[id] {
			printed[id] = true
			fmt.Fprintln(w)
			_ = t.WriteTree(w)
		}
	}
	fmt.Fprintf(w, "\n== %d traces\n", len(f.traces))
	for _, c := range calls {
		tree(c.root)
		if c.method != http.MethodPost {
			continue
		}
		for l, consumers := range f.links {
			if l.trace != c.root {
				continue
			}
			for _, id := range consumers {
				shown := ""
				if printed[id] {
					shown = " (shown above)"
				}
				fmt.Fprintf(w, "\n  SQS %s -> %s: trace %s links to SendMessage %s%s\n", queueName, fnChange, id, l.id, shown)
				tree(id)
			}
		}
	}
	for _, id := range f.traces {
		tree(id)
	}
	fmt.Fprintf(w, "\n== service map\n%s", srv.ServiceMap())
}
