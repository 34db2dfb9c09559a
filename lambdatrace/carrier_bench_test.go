package lambdatrace_test

import (
	"fmt"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/otelxray/otelxray/lambdatrace"
)

// BenchmarkEventContext is the added cost per received record: reading
// each record's carrier into a link (ns/record is the figure to watch).
func BenchmarkEventContext(b *testing.B) {
	const n = 10
	for _, bc := range []struct {
		name string
		attr map[string]events.SQSMessageAttribute
		sys  map[string]string
	}{
		{"SQS AWSTraceHeader", nil, map[string]string{"AWSTraceHeader": xrayHeader}},
		{"SQS traceparent", map[string]events.SQSMessageAttribute{"traceparent": {DataType: "String", StringValue: str(traceparnt)}}, nil},
		{"SQS _datadog", map[string]events.SQSMessageAttribute{"_datadog": {DataType: "String", StringValue: str(ddCarrier)}}, nil},
		{"SQS none", nil, nil},
	} {
		e := events.SQSEvent{}
		for i := range n {
			e.Records = append(e.Records, events.SQSMessage{MessageId: fmt.Sprint(i), Body: `{"order":42}`,
				MessageAttributes: bc.attr, Attributes: bc.sys, EventSourceARN: "arn:aws:sqs:eu-west-1:1:order-changes"})
		}
		b.Run(bc.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, ok := lambdatrace.BuiltinRequest(&e); !ok {
					b.Fatal("not recognised")
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*n), "ns/record")
		})
	}
}
