// Package analytics is the catalog's analytics function: it counts the
// catalog's events by type (EventBridge -> Lambda), as a Datadog metric.
// Its invocations are linked to the traces that caused them, not part of
// them (see catalog.AnalyticsEntry).
package analytics
