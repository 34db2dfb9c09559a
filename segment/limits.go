package segment

// Limits of the X-Ray wire format ("The daemon's UDP protocol" and "Document
// fields" in the project's notes on X-Ray on the wire). Where sources disagree the stricter value is used, so a
// document that passes these limits is accepted by the daemon and by the
// X-Ray API.
const (
	// MaxDatagramSize is the largest datagram (header plus document) that
	// otelxray produces or accepts. The daemon reads with a 64 KiB buffer and
	// the largest IPv4 UDP payload is 65,507 bytes; 64,000 leaves margin.
	MaxDatagramSize = 64000

	// MaxDocumentSize is the largest document that fits in a datagram: the
	// daemon's header line and its newline take 30 bytes.
	MaxDocumentSize = MaxDatagramSize - headerSize

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

// headerSize is the length of the daemon's header line with its newline;
// the header itself is written by the exporter's wire package.
const headerSize = 30
