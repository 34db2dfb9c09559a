// Package fakeagent is a fake Datadog Agent for tests: an HTTP server on
// the v0.4 trace intake that decodes every payload with a generic msgpack
// reader and keeps the spans, headers and raw bodies it received.
package fakeagent
