// Package spantest builds the spans that the tests of several otelxray
// packages share: sampled spans of one trace with numbered IDs, and the
// attributes of a typical AWS SDK call. It is for tests only.
package spantest
