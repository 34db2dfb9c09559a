package ddtrace

// OnlyScope is the instrumentation scope of the spans only Datadog is
// sent: the ones Datadog's own libraries and extension make and X-Ray
// shows another way (inferred spans of the upstream service, the cold-start
// span). The X-Ray exporter leaves every span of this scope out; the
// scope is read without copying the span's attributes.
const OnlyScope = "github.com/otelxray/otelxray/ddlambda/datadog"

// ChildKey is an attribute of a Datadog-only span: the span ID, in hex, of
// the span that Datadog shows under it (the invocation span under an
// inferred span). The Datadog exporter gives that span this one as parent
// in the same export or, for a child exported later, in that one (up to
// 1,024 children remembered); the attribute itself is not sent. A span
// whose parent is the very span it names has no upstream: Datadog gets it
// as the trace's root (parent_id 0).
const ChildKey = "otelxray.datadog.child"

// StateKey is the tracestate member that marks a trace recorded for
// Datadog that X-Ray did not sample (StateUnsampled): the X-Ray exporter
// leaves its spans out, and the X-Ray header sent downstream keeps
// Sampled=0.
const StateKey = "otelxray"

// StateUnsampled is StateKey's value in a trace X-Ray did not sample.
const StateUnsampled = "xray0"
