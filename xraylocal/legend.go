package xraylocal

// TreeLegend explains the lines [Trace.WriteTree] writes to a reader who
// has never used X-Ray. Print it once, before or after the trees.
const TreeLegend = `How to read the traces below: one line per span (a timed piece of work), indented under its caller.
  trace ID  first service  how long the whole trace took  number of spans  flags
  └─ name  +when it started after the trace began, how long it took  kind  what it served or called  flags
Kinds:
  service   what one service (a Lambda function, a server) recorded of a request it handled (an X-Ray "segment")
  step      a part of that service's work (a "subsegment")
  call      a request to another service (HTTP or SQL); if that service is traced too, its own line is under it
  AWS call  a request to an AWS service with the AWS SDK: operation, resource, HTTP status
Flags: ERROR a client error (HTTP 4xx), THROTTLE slowed down by the service (429), FAULT a server error (5xx),
  IN PROGRESS not finished yet. A line with "!" breaks a rule of X-Ray's: X-Ray could reject or misdraw it.
`
