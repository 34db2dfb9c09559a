package clienttest

import (
	"context"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	//lint:ignore SA1019 otelaws is deprecated, but users may still run it next to awssdk
	"go.opentelemetry.io/contrib/instrumentation/github.com/aws/aws-sdk-go-v2/otelaws"
	"go.opentelemetry.io/contrib/propagators/aws/xray"

	"github.com/otelxray/otelxray/awssdk"
)

// TestOtelaws installs otelaws next to awssdk, in either order, and
// expects one subsegment per call carrying awssdk's fields, and the
// X-Amzn-Trace-Id header with the Lineage kept although otelaws injects
// the header too.
func TestOtelaws(t *testing.T) {
	tests := []struct {
		name    string
		install func(h *harness, cfg *aws.Config)
	}{
		{"otelaws first", func(h *harness, cfg *aws.Config) {
			otelaws.AppendMiddlewares(&cfg.APIOptions, otelaws.WithTracerProvider(h.tp),
				otelaws.WithTextMapPropagator(xray.Propagator{}))
			awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(h.tp))
		}},
		{"awssdk first", func(h *harness, cfg *aws.Config) {
			awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(h.tp))
			otelaws.AppendMiddlewares(&cfg.APIOptions, otelaws.WithTracerProvider(h.tp),
				otelaws.WithTextMapPropagator(xray.Propagator{}))
		}},
		{"awssdk twice", func(h *harness, cfg *aws.Config) {
			awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(h.tp))
			awssdk.AppendMiddlewares(&cfg.APIOptions, awssdk.WithTracerProvider(h.tp))
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOptions{install: tt.install})
			h.aws.then(awsJSONError(500, "InternalServerError", "again"))
			o := h.run(1, func(ctx context.Context) error {
				return getItem(withLambdaHeader(ctx, "Root="+lambdaRoot+";Parent="+lambdaParent+";Sampled=1;Lineage="+lineage), h.cfg)
			})
			if o.err != nil {
				t.Fatal(o.err)
			}
			if extra := h.daemon.Quiet(50 * time.Millisecond); len(extra) != 2 {
				t.Fatalf("%d datagrams, want 2 (the handler and one call)", len(extra))
			}
			doc := o.call(t)
			checkDoc(t, doc, map[string]any{
				"name": "DynamoDB", "namespace": "aws", "parent_id": o.root["id"], "aws.operation": "GetItem",
				"aws.table_name": "orders", "aws.retries": 1, "aws.region": testRegion, "aws.request_id": "req-1",
				"http.response.status": 200,
			})
			for i, r := range h.aws.requests() {
				hdr := traceHeaderOf(r)
				if hdr["Parent"] != doc["id"] || hdr["Lineage"] != lineage {
					t.Errorf("attempt %d: X-Amzn-Trace-Id = %q, want Parent=%s and Lineage=%s", i+1,
						r.Header.Get("X-Amzn-Trace-Id"), doc["id"], lineage)
				}
			}
		})
	}
}
