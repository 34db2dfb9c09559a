// Package xrayprop is X-Ray's propagator for setups that record, for
// Datadog, traces X-Ray did not sample (see internal/ddtrace's StateKey).
package xrayprop
