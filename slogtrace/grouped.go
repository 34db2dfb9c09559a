package slogtrace

import (
	"log/slog"
	"slices"
	"sync/atomic"
)

// groupedCache holds, for a Handler with open groups, the wrapped handler
// built for the ids logged last: the ids added at the root, then the groups
// and attributes reopened. Records of one span and request reuse it.
type groupedCache struct {
	last atomic.Pointer[groupedIDs]
}

type groupedIDs struct {
	span    []slog.Attr // from the idCache: compared by identity
	request string
	h       slog.Handler
}

// handler returns h's wrapped handler with the ids at the top level.
func (c *groupedCache) handler(h *Handler, span []slog.Attr, request string) slog.Handler {
	if l := c.last.Load(); l != nil && l.request == request && sameSlice(l.span, span) {
		return l.h
	}
	// A handler owns the slices WithAttrs is given: each gets its own copy.
	top := slices.Clone(span)
	if request != "" {
		top = append(top, slog.String(KeyRequestID, request))
	}
	out := h.root.WithAttrs(top)
	for _, o := range h.ops {
		if o.group != "" {
			out = out.WithGroup(o.group)
		} else {
			out = out.WithAttrs(slices.Clone(o.attrs))
		}
	}
	c.last.Store(&groupedIDs{span: span, request: request, h: out})
	return out
}

// sameSlice reports whether a and b are the same slice of the idCache (its
// slices are never changed, so identity means equal ids).
func sameSlice(a, b []slog.Attr) bool {
	return len(a) == len(b) && (len(a) == 0 || &a[0] == &b[0])
}
