package segment

// Limits of the X-Ray wire format (xray-wire.md §1-§2). Where sources disagree
// the stricter value is used, so a document that passes these limits is
// accepted by the daemon and by the X-Ray API.
const (
	// Header is the line that starts every datagram sent to the daemon.
	Header = `{"format":"json","version":1}` + "\n"

	// MaxDatagramSize is the largest datagram (header plus document) this
	// package produces or accepts. The daemon reads with a 64 KiB buffer and
	// the largest IPv4 UDP payload is 65,507 bytes; 64,000 leaves margin.
	MaxDatagramSize = 64000

	// MaxDocumentSize is the largest document that fits in a datagram.
	MaxDocumentSize = MaxDatagramSize - len(Header)

	// MaxNameLen is the longest (sub)segment name, in characters.
	MaxNameLen = 200

	// MaxStringLen is the longest string field where nothing else is said,
	// in characters. Metadata values are not limited.
	MaxStringLen = 250

	// MaxAnnotationKeyLen is the longest annotation key, in characters.
	MaxAnnotationKeyLen = 500

	// MaxAnnotationValueLen is the longest annotation string value, in characters.
	MaxAnnotationValueLen = 1000

	// MaxAnnotations is the number of annotations X-Ray indexes per trace.
	// The translator keeps at most this many per document and moves the
	// rest to metadata.
	MaxAnnotations = 50

	// MaxLinks is the number of links X-Ray accepts per (sub)segment.
	MaxLinks = 20

	// MaxStackFrames is the number of stack frames kept per exception; the
	// rest are counted in the exception's truncated field.
	MaxStackFrames = 50
)
