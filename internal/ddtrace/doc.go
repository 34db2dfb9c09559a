// Package ddtrace holds what the Datadog exporter (exporter/datadog) and
// its Lambda integration (ddlambda) must agree on: how OpenTelemetry IDs
// become Datadog IDs, the name of the X-Ray merge subsegment, and the spans
// an exporter leaves out because the Lambda Extension sends them itself.
package ddtrace
