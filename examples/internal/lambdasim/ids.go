package lambdasim

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"strings"

	"go.opentelemetry.io/contrib/propagators/aws/xray"
)

// requestID returns a random id in the form of a UUID, as Lambda's and API
// Gateway's request ids are.
func requestID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	h := hex.EncodeToString(b[:])
	return strings.Join([]string{h[:8], h[8:12], h[12:16], h[16:20], h[20:]}, "-")
}

var ids = xray.NewIDGenerator()

// NewRoot returns a new X-Ray trace ID, with the current time in its first
// part as X-Ray expects.
func NewRoot() string {
	t, _ := ids.NewIDs(context.Background())
	s := t.String()
	return "1-" + s[:8] + "-" + s[8:]
}

// newID returns a new (sub)segment id.
func newID() string {
	_, s := ids.NewIDs(context.Background())
	return s.String()
}
