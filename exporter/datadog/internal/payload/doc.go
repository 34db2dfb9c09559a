// Package payload is the Datadog trace intake's v0.4 format: Datadog's span
// model, the mapping of OpenTelemetry spans to it (names, resources and
// types as Datadog's tracers set them, AWS SDK tags, errors, links), and
// its msgpack encoding. Values from the user's data leave it without
// credentials (internal/scrub). It does no I/O; exporter/datadog sends
// what it builds, and the nested module agenttest checks it against the
// Datadog Agent's own decoder.
package payload
