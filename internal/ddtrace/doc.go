// Package ddtrace holds what the Datadog exporter (exporter/datadog), the
// X-Ray exporter and the Lambda integration (ddlambda) must agree on: how
// OpenTelemetry IDs become Datadog IDs, the name of the X-Ray merge
// subsegment, the spans an exporter leaves out because the Lambda Extension
// sends them itself, and the marks of spans and traces only Datadog gets.
package ddtrace
