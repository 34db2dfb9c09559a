package validate

import (
	"testing"

	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/segment"
)

// TestLimitsAgreeWithSegment checks that the validator's own copies of the
// wire format's limits (it shares no code with the encoder) say what
// package segment says.
func TestLimitsAgreeWithSegment(t *testing.T) {
	for _, c := range []struct {
		name      string
		got, want int
	}{
		{"datagram size", maxDatagramSize, segment.MaxDatagramSize},
		{"document size", maxDocumentSize, segment.MaxDocumentSize},
		{"name length", maxNameLen, segment.MaxNameLen},
		{"string length", maxStringLen, segment.MaxStringLen},
		{"annotation key length", maxAnnotationKeyLen, segment.MaxAnnotationKeyLen},
		{"annotation value length", maxAnnotationValueLen, segment.MaxAnnotationValueLen},
		{"links", maxLinks, segment.MaxLinks},
	} {
		if c.got != c.want {
			t.Errorf("%s: validate has %d, segment %d", c.name, c.got, c.want)
		}
	}
	if headerLine+"\n" != wire.Header {
		t.Errorf("header line %q, wire.Header %q", headerLine, wire.Header)
	}
}
