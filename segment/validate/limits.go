package validate

// The limits of the X-Ray wire format, kept here on their own (not taken
// from package segment) so that the validator stays an independent oracle
// for the encoder. Where sources disagree the stricter value is used.
const (
	// headerLine is the first line of every datagram, without its newline.
	headerLine = `{"format":"json","version":1}`
	// headerExample is headerLine for messages.
	headerExample = "`" + headerLine + "`"

	// maxDatagramSize is the largest datagram, header included: the daemon
	// reads with a 64 KiB buffer and UDP over IPv4 carries at most 65,507
	// bytes; 64,000 leaves margin.
	maxDatagramSize = 64000
	// maxDocumentSize is the largest document that fits after the header.
	maxDocumentSize = maxDatagramSize - len(headerLine) - 1

	maxNameLen            = 200  // characters of a (sub)segment name
	maxStringLen          = 250  // characters of any other string, except in annotations and metadata
	maxAnnotationKeyLen   = 500  // characters of an annotation key
	maxAnnotationValueLen = 1000 // characters of an annotation string value
	maxLinks              = 20   // links per (sub)segment

	// maxProblems caps the problems collected for one input.
	maxProblems = 100
)

// Examples used in messages.
const (
	exampleID      = `"53995c3f42cd8ad8"`
	exampleTraceID = `"1-5759e988-bd862e3fe1be46a994272793"`
	exampleTime    = "1700000000.123456"
)
