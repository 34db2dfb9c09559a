package clienttest

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/dynamodb"
	ddbtypes "github.com/aws/aws-sdk-go-v2/service/dynamodb/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"go.opentelemetry.io/otel"
	"go.opentelemetry.io/otel/propagation"
	"go.opentelemetry.io/otel/trace/noop"

	"github.com/otelxray/otelxray/awssdk"
)

// TestGlobalDefaults: without options the middlewares use the global
// TracerProvider and propagator, even when they are set after
// AppendMiddlewares, as lambdatrace.Wrap does.
func TestGlobalDefaults(t *testing.T) {
	h := newHarness(t, harnessOptions{install: func(_ *harness, cfg *aws.Config) {
		awssdk.AppendMiddlewares(&cfg.APIOptions, nil, awssdk.WithTracerProvider(nil),
			awssdk.WithPropagator(nil), awssdk.WithWhitelist(nil))
	}})
	otel.SetTracerProvider(h.tp)
	otel.SetTextMapPropagator(propagation.TraceContext{})
	t.Cleanup(func() {
		otel.SetTracerProvider(noop.NewTracerProvider())
		otel.SetTextMapPropagator(propagation.NewCompositeTextMapPropagator())
	})

	o := h.run(1, func(ctx context.Context) error { return getItem(ctx, h.cfg) })
	if o.err != nil {
		t.Fatal(o.err)
	}
	doc := o.call(t)
	checkDoc(t, doc, map[string]any{"name": "DynamoDB", "aws.table_name": "orders", "parent_id": o.root["id"]})
	if tp := h.aws.requests()[0].Header.Get("traceparent"); tp == "" {
		t.Error("the global propagator wrote no traceparent")
	}
}

// TestWithWhitelist replaces the X-Ray SDK's list; the resource names stay.
func TestWithWhitelist(t *testing.T) {
	w, err := awssdk.ParseWhitelist([]byte(`{"services":{"dynamodb":{"operations":{"GetItem":{
		"request_parameters":["ReturnConsumedCapacity","Key"],
		"request_descriptors":{"Key":{"map":true,"get_keys":true,"rename_to":"key_attributes"}}}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, harnessOptions{opts: []awssdk.Option{awssdk.WithWhitelist(w)}})
	o := h.run(1, func(ctx context.Context) error {
		_, err := dynamodb.NewFromConfig(h.cfg).GetItem(ctx, &dynamodb.GetItemInput{
			TableName: aws.String("orders"), Key: secretKey(), ConsistentRead: aws.Bool(true),
			ReturnConsumedCapacity: ddbtypes.ReturnConsumedCapacityTotal,
		})
		return err
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	checkDoc(t, o.call(t), map[string]any{
		"aws.table_name": "orders", "aws.return_consumed_capacity": "TOTAL", "aws.key_attributes": []string{"id"},
		"aws.consistent_read": absent{}, "aws.consumed_capacity": absent{}, "aws.key": absent{},
	})
}

// TestPresignIsNotACall: a presign client signs a URL without calling AWS;
// it makes no span.
func TestPresignIsNotACall(t *testing.T) {
	h := newHarness(t, harnessOptions{})
	o := h.run(0, func(ctx context.Context) error {
		req, err := s3.NewPresignClient(s3.NewFromConfig(h.cfg, func(o *s3.Options) { o.UsePathStyle = true })).
			PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("invoices"), Key: aws.String("a.pdf")})
		if err == nil && !strings.Contains(req.URL, "X-Amz-Signature=") {
			t.Errorf("not a presigned URL: %s", req.URL)
		}
		return err
	})
	if o.err != nil {
		t.Fatal(o.err)
	}
	if gs := h.daemon.Quiet(50 * time.Millisecond); len(gs) != 1 || len(o.calls) != 0 || len(h.aws.requests()) != 0 {
		t.Errorf("%d datagrams, %d aws subsegments, %d requests; want only the handler's", len(gs), len(o.calls), len(h.aws.requests()))
	}
}
