// Package dogstatsd is a DogStatsD client over UDP for functions in
// Lambda: metrics (distribution, gauge, count) are encoded as
// name:value|type|#tag1:v,tag2|T<unix>, buffered in memory up to a bound,
// packed newline-separated into as few datagrams as fit (8,192 bytes by
// default, what the Datadog Lambda Extension reads), and written by Flush
// on a connected UDP socket with a short write deadline. A port where
// nothing listens costs one failed write: the refusal is counted, never
// returned, and nothing waits.
//
// Names and tags are made safe before they are encoded: a name keeps
// ASCII letters, digits, '_' and '.', every other character becoming
// '_', and must start with a letter; a tag has no '|', ',', '#', control
// character or space (each becomes '_'), invalid UTF-8 becomes '_', and
// names and tags pass internal/scrub first. Names and tags are cut at 200 bytes.
// A value that is NaN or infinite is refused. Whatever is refused or
// dropped is counted in [Stats].
//
// [Parse] reads datagrams back, for tests, and [ParseAll] as an agent does
// (sets, sample rates; events skipped), for local stand-ins of the
// Datadog agent.
package dogstatsd
