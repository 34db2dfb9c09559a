// Package agenttest proves wire compatibility: the payloads of package
// datadog, decoded by the Datadog Agent's own decoder. It is a nested module
// so that users of otelxray never inherit the agent's dependency tree.
package agenttest
