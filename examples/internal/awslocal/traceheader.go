package awslocal

import (
	"regexp"
	"strings"
)

// rootPattern is a valid X-Ray trace ID.
var rootPattern = regexp.MustCompile(`^1-[0-9a-f]{8}-[0-9a-f]{24}$`)

// validTraceHeader reports whether h is an X-Ray trace header with a valid
// Root, as the services that pass headers on check them (EventBridge drops
// an invalid one and still delivers the event).
func validTraceHeader(h string) bool {
	if len(h) > 256 {
		return false
	}
	for part := range strings.SplitSeq(h, ";") {
		if k, v, ok := strings.Cut(strings.TrimSpace(part), "="); ok && k == "Root" {
			return rootPattern.MatchString(v)
		}
	}
	return false
}
