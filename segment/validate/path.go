package validate

import (
	"strconv"
	"strings"
)

// path is a JSON path, built as a linked list of nodes that live on the
// walker's stack, so that descending costs nothing; it is rendered only
// when a problem is reported. The nil *path is the document itself.
type path struct {
	parent *path
	key    string
	idx    int // array index when key is ""
}

// String renders p, e.g. "subsegments[2].annotations.my-key".
func (p *path) String() string {
	if p == nil {
		return ""
	}
	var parts []*path
	for q := p; q != nil; q = q.parent {
		parts = append(parts, q)
	}
	var sb strings.Builder
	for i := len(parts) - 1; i >= 0; i-- {
		q := parts[i]
		if q.key == "" {
			sb.WriteString("[" + strconv.Itoa(q.idx) + "]")
			continue
		}
		if i != len(parts)-1 {
			sb.WriteByte('.')
		}
		sb.WriteString(q.key)
	}
	return sb.String()
}

// name is how messages call the value at p: its key, or the array's key
// and the index, e.g. "subsegments[2]".
func (p *path) name() string {
	switch {
	case p == nil:
		return "document"
	case p.key != "":
		return p.key
	case p.parent != nil && p.parent.key != "":
		return p.parent.key + "[" + strconv.Itoa(p.idx) + "]"
	default:
		return "value"
	}
}
