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
	fmt.Fprintf(w, "\n== %d traces, as xraylocal received them\n%s", len(f.traces), xraylocal.TreeLegend)
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
				shown := ":"
				if printed[id] {
					shown = " (shown above)"
				}
				fmt.Fprintf(w, "\n  %s handled the message from queue %s in a trace of its own, %s, which links back to the SendMessage (id %s) above%s\n",
					fnChange, queueName, id, l.id, shown)
				tree(id)
			}
		}
	}
	for _, id := range f.traces {
		tree(id)
	}
	fmt.Fprintf(w, "\n== service map: who called whom (Client: whoever called from outside: here the demo's HTTP requests; a queue's consumer is drawn under the queue)\n%s", srv.ServiceMap())
}
