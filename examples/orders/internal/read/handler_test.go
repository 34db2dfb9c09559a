package read_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"

	"github.com/otelxray/otelxray/examples/internal/awslocal"
	"github.com/otelxray/otelxray/examples/orders/internal/order"
	"github.com/otelxray/otelxray/examples/orders/internal/read"
	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

// TestReadTraces runs read in-process under lambdatest, with its real
// DynamoDB client against the stand-in, and checks each route's trace.
func TestReadTraces(t *testing.T) {
	h := lambdatest.New(t, lambdatest.WithFunctionName("read"))
	aws, err := awslocal.Start(awslocal.WithTable("orders", "id"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = aws.Close() })
	for _, kv := range aws.Env() {
		k, v, _ := strings.Cut(kv, "=")
		t.Setenv(k, v)
	}
	t.Setenv("TABLE_NAME", "orders")
	hd, err := read.New(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	f := h.Direct(lambdatrace.Wrap(hd.Handle))

	tests := []struct {
		name   string
		req    events.APIGatewayProxyRequest
		status int
		check  func(t *testing.T, inv *lambdatest.Invocation)
	}{
		{"missing order", events.APIGatewayProxyRequest{Resource: "/orders/{id}", Path: "/orders/o-000000000000", HTTPMethod: http.MethodGet,
			PathParameters: map[string]string{"id": "o-000000000000"}}, http.StatusNotFound,
			func(t *testing.T, inv *lambdatest.Invocation) {
				inv.HasSubsegment(t, "DynamoDB", lambdatest.Table("orders"), lambdatest.Operation("GetItem"))
				inv.HasSubsegment(t, "read", lambdatest.HTTPStatus(http.StatusNotFound))
			}},
		{"context", events.APIGatewayProxyRequest{Resource: "/context", Path: "/context", HTTPMethod: http.MethodGet}, http.StatusOK,
			func(t *testing.T, inv *lambdatest.Invocation) {
				var resp events.APIGatewayProxyResponse
				var c order.Context
				if json.Unmarshal(inv.Response, &resp) != nil || json.Unmarshal([]byte(resp.Body), &c) != nil || c.TraceID != inv.TraceID {
					t.Errorf("read served the context in trace %q, want %s (response %s)", c.TraceID, inv.TraceID, inv.Response)
				}
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv := f.Invoke(t, tt.req)
			inv.NoError(t)
			inv.OneTrace(t)
			inv.NoInvalidDocuments(t)
			var resp events.APIGatewayProxyResponse
			if err := json.Unmarshal(inv.Response, &resp); err != nil || resp.StatusCode != tt.status {
				t.Errorf("status %d (%v), want %d", resp.StatusCode, err, tt.status)
			}
			tt.check(t, inv)
		})
	}
}
