package xraylocal

import (
	"bytes"
	"encoding/json"
	"strings"
)

// readBufferSize is the daemon's read size (64 KiB). The largest UDP
// payload, over IPv4 or IPv6, is smaller, so no datagram is ever cut.
const readBufferSize = 64 << 10

// daemonHeader is the daemon's header type: its JSON decoding is Go's, so
// keys match case-insensitively and anything else in the object is ignored.
type daemonHeader struct {
	Format  string `json:"format"`
	Version int    `json:"version"`
}

// splitDatagram splits b the way the daemon does: the header is everything
// before the first '\n', the document everything after it. ok is false when
// there is no document (no newline, or nothing after it): the daemon drops
// such a datagram ("Missing header or segment").
func splitDatagram(b []byte) (header, body []byte, ok bool) {
	header, body, _ = bytes.Cut(b, []byte("\n"))
	return header, body, len(body) > 0
}

// daemonAccepts reports whether the daemon accepts a header line: it
// decodes it into {Format string; Version int} ignoring the error, then
// requires format "json" (any case) and version 1.
func daemonAccepts(header []byte) bool {
	var h daemonHeader
	_ = json.Unmarshal(header, &h)
	return strings.EqualFold(h.Format, "json") && h.Version == 1
}
