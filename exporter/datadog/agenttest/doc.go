// Package agenttest proves wire compatibility: the payloads of package
// exporter/datadog, decoded by the Datadog Agent's own decoder. It is a
// nested module so that users of otelxray never inherit the agent's
// dependency tree; its import path lies under exporter/datadog, so it may
// read the exporter's internal/payload without exported test hooks.
package agenttest
