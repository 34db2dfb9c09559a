package xrayudp

import (
	"fmt"
	"strings"
)

// Format is the wire format of the datagrams an Exporter sends.
type Format uint8

const (
	// FormatSegments sends X-Ray segment documents (JSON), what the X-Ray
	// daemon and every X-Ray SDK speak. It is the default.
	FormatSegments Format = iota
	// FormatOTLP sends OTLP: the daemon's header line, "T1S" and the
	// base64 of an OTLP ExportTraceServiceRequest, the format AWS's own
	// OpenTelemetry exporters send to Lambda's X-Ray endpoint, for
	// Transaction Search and Application Signals.
	FormatOTLP
)

// EnvFormat selects the wire format when no [WithFormat] option is given:
// "segments" (the default) or "otlp".
const EnvFormat = "OTEL_XRAY_UDP_FORMAT"

// String returns "segments" or "otlp".
func (f Format) String() string {
	if f == FormatOTLP {
		return "otlp"
	}
	return "segments"
}

// WithFormat selects the wire format, overriding OTEL_XRAY_UDP_FORMAT.
// The default is [FormatSegments].
func WithFormat(f Format) Option {
	return func(c *config) { c.format = &f }
}

// WithUnsampledSpans makes an exporter in [FormatOTLP] send the spans that
// were not sampled too, in datagrams of their own marked "T1U" (Application
// Signals counts them; X-Ray does not show them as traces). The tracer
// provider must pass them to the exporter: by default its span processors
// drop unsampled spans. Spans without a parent in Lambda mode are still
// dropped. It has no effect on segments, which never carry unsampled spans.
func WithUnsampledSpans() Option {
	return func(c *config) { c.unsampled = true }
}

// formatFromEnv reads OTEL_XRAY_UDP_FORMAT when no option set the format.
func (c *config) formatFromEnv(getenv func(string) string) {
	if c.format != nil {
		return
	}
	f := FormatSegments
	c.format = &f
	switch v := strings.TrimSpace(getenv(EnvFormat)); strings.ToLower(v) {
	case "", "segments", "segment", "json":
	case "otlp":
		f = FormatOTLP
	default:
		c.formatErr = fmt.Errorf("xrayudp: %s=%q is not a format: set it to \"segments\" or \"otlp\", or unset it", EnvFormat, v)
	}
}
