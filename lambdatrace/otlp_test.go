package lambdatrace_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"go.opentelemetry.io/otel/trace"
	tracepb "go.opentelemetry.io/proto/otlp/trace/v1"
	"google.golang.org/protobuf/proto"

	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/internal/fakedaemon"
	"github.com/otelxray/otelxray/internal/wire"
	"github.com/otelxray/otelxray/lambdatrace"
)

// TestFormatOTLP selects OTLP by the exporter option and by the variable:
// the invocation's spans arrive as T1S, the invocation span under Lambda's
// Parent= in Lambda's Root trace.
func TestFormatOTLP(t *testing.T) {
	tests := []struct {
		name string
		env  string
		opts []lambdatrace.Option
	}{
		{"option", "", []lambdatrace.Option{lambdatrace.WithExporterOptions(xrayudp.WithFormat(xrayudp.FormatOTLP))}},
		{"variable", "otlp", nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := fakedaemon.Start(t)
			t.Setenv("AWS_XRAY_DAEMON_ADDRESS", d.Addr())
			t.Setenv(xrayudp.EnvFormat, tt.env)
			h := lambdatrace.Wrap(children(2), append(tt.opts, lambdatrace.WithoutGlobals())...)
			if _, err := h(invocationContext(), struct{}{}); err != nil {
				t.Fatal(err)
			}
			var spans []*tracepb.Span
			for _, g := range d.Wait(t, 1, 2*time.Second) {
				rest, ok := strings.CutPrefix(string(g.Raw), wire.Header+wire.PrefixSampled)
				if !ok {
					t.Fatalf("not a T1S datagram: %.80q", g.Raw)
				}
				raw, err := base64.StdEncoding.DecodeString(rest)
				if err != nil {
					t.Fatal(err)
				}
				var td tracepb.TracesData
				if err := proto.Unmarshal(raw, &td); err != nil {
					t.Fatal(err)
				}
				for _, rs := range td.ResourceSpans {
					for _, ss := range rs.ScopeSpans {
						spans = append(spans, ss.Spans...)
					}
				}
			}
			if len(spans) != 3 {
				t.Fatalf("%d spans, want the invocation and 2 children", len(spans))
			}
			if got := trace.SpanID(spans[0].ParentSpanId).String(); got != "53995c3f42cd8ad8" {
				t.Errorf("first span's parent %s, want Lambda's Parent=", got)
			}
			if got := trace.TraceID(spans[0].TraceId).String(); got != "5759e988bd862e3fe1be46a994272793" {
				t.Errorf("trace %s, want Lambda's Root", got)
			}
		})
	}
}
