// Package validate checks X-Ray segment documents and the datagrams that
// carry them to the daemon against the rules of the X-Ray wire format, and
// says for each problem which rule it breaks, where, and what a valid value
// looks like.
//
// [Datagram] checks what is sent to the daemon over UDP (the header line,
// a newline and one document), [Document] a bare document, and [Auto]
// either. Each returns nil or an *[Error] that lists every [Problem] found.
// [Rules] lists the rules; RULES.md in this directory is generated from
// that list and from the schema.
//
// The schema is data: each object (segment, subsegment, http, aws, sql,
// cause, exception, stack frame, annotations, metadata, links) is a table
// of fields, each with its type, whether it is required, and its format
// (id, trace id, time, length limits, allowed values), walked by one small
// checker. Rules across fields (end_time or in_progress, throttle implies
// error, what an independent subsegment needs) are named functions the
// tables refer to.
//
// The package shares no code with the encoder of package segment: it keeps
// its own limits and formats, so each is the other's oracle in fuzz tests.
// The local daemon xraylocal uses it on every datagram it receives.
package validate
