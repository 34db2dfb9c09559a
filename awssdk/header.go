package awssdk

import (
	"context"
	"encoding/hex"
	"strings"

	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/internal/ddtrace"
	"github.com/otelxray/otelxray/internal/lambdaenv"
	"github.com/otelxray/otelxray/internal/xrayheader"
)

const (
	// traceHeader is the HTTP header AWS services read the trace from.
	// SQS also gives it to every message of a SendMessage or
	// SendMessageBatch request as the AWSTraceHeader system attribute,
	// unless the message sets that attribute itself, which then wins
	// ("Amazon SQS and AWS X-Ray",
	// https://docs.aws.amazon.com/xray/latest/devguide/xray-services-sqs.html):
	// consumers link to the producer without this package touching the
	// messages, or linking the SQS client.
	traceHeader = "X-Amzn-Trace-Id"
	// lambdaContextKey is the context key under which aws-lambda-go puts the
	// invocation's trace header (a plain string key, as aws-lambda-go uses).
	lambdaContextKey = xrayheader.ContextKey
	// lambdaTraceEnv is the same header in the environment, set by
	// aws-lambda-go only when a function handles one event at a time.
	lambdaTraceEnv = xrayheader.EnvTraceHeader
	// maxLineage bounds the Lineage value copied from one header to another.
	maxLineage = 200
)

// traceHeaderValue is the X-Ray trace header naming sc as the parent:
// Root=1-<8 hex>-<24 hex>;Parent=<16 hex>;Sampled=<0|1>[;Lineage=...].
func traceHeaderValue(sc trace.SpanContext, lineage string) string {
	tid, sid := sc.TraceID(), sc.SpanID()
	var buf [128]byte // the header, unless Lineage is long
	b := buf[:0]
	b = append(b, "Root=1-"...)
	b = hex.AppendEncode(b, tid[:4])
	b = append(b, '-')
	b = hex.AppendEncode(b, tid[4:])
	b = append(b, ";Parent="...)
	b = hex.AppendEncode(b, sid[:])
	b = append(b, ";Sampled="...)
	if sc.IsSampled() && !ddtrace.XRayUnsampled(sc) { // recorded for Datadog only: X-Ray did not sample it
		b = append(b, '1')
	} else {
		b = append(b, '0')
	}
	if lineage != "" {
		b = append(b, ";Lineage="...)
		b = append(b, lineage...)
	}
	return string(b)
}

// lineageOf returns the Lineage value of an X-Ray trace header, or "" when
// it has none or one that is not safe to copy into a header.
func lineageOf(header string) string {
	for header != "" {
		var part string
		part, header, _ = strings.Cut(header, ";")
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if ok && k == "Lineage" {
			if validLineage(v) {
				return v
			}
			return ""
		}
	}
	return ""
}

// validLineage accepts Lambda's counters ("a87bd80c:0", "1:a87bd80c:0"):
// letters, digits and : . _ - only, so that nothing can break the header.
func validLineage(v string) bool {
	if v == "" || len(v) > maxLineage {
		return false
	}
	for i := 0; i < len(v); i++ {
		c := v[i]
		if !(isLower(c) || isUpper(c) || isDigit(c) || c == ':' || c == '.' || c == '_' || c == '-') {
			return false
		}
	}
	return true
}

// lineage returns the Lineage to keep on outgoing headers: the one of the
// invocation header in ctx, else of existing (the header already on the
// request, which the SDK copies from _X_AMZN_TRACE_ID in Lambda), else of
// _X_AMZN_TRACE_ID itself in Lambda.
func (m *instrumentation) lineage(ctx context.Context, existing string) string {
	if h := lambdaHeader(ctx); h != "" {
		return lineageOf(h)
	}
	if l := lineageOf(existing); l != "" {
		return l
	}
	if lambdaenv.In(m.getenv) {
		return lineageOf(m.getenv(lambdaTraceEnv))
	}
	return ""
}
