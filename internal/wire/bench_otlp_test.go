package wire

import (
	"testing"

	"go.opentelemetry.io/otel/sdk/trace/tracetest"
)

// BenchmarkOTLPPack is the cost of packing one invocation's spans (a
// handler and 100 DynamoDB calls) as OTLP with a reused OTLPPacker.
func BenchmarkOTLPPack(b *testing.B) {
	stubs := tracetest.SpanStubs{span(1, 0)}
	for i := uint64(2); i <= 101; i++ {
		stubs = append(stubs, span(i, 1, dynamoAttrs(int(i))...))
	}
	spans := stubs.Snapshots()
	var p OTLPPacker
	b.ReportAllocs()
	for b.Loop() {
		p.Reset()
		for _, s := range spans {
			p.Add(s, false)
		}
		p.Pack()
	}
	b.ReportMetric(float64(p.Len()), "datagrams/op")
}
