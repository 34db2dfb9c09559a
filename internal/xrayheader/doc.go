// Package xrayheader reads X-Ray trace headers: the one Lambda hands each
// invocation, for lambdatrace (the invocation's parent) and awssdk (the
// parent of SDK calls made outside any span, and the Lineage to keep), and
// the trace IDs they carry, for segment as well. It imports neither segment
// nor the OpenTelemetry SDK, so that awssdk links neither.
package xrayheader
