// Package attrcache holds the small bounded caches both X-Ray wire formats
// keep per batch, for what is the same for most spans: which attribute keys
// name credentials (segment.Scratch and the OTLP packer in internal/wire),
// and the string slices read last.
package attrcache
