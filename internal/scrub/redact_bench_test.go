package scrub

import "testing"

// typical are strings exporters send on every span: names, table names,
// ARNs, request IDs, URLs with and without query strings, SQL.
var typical = []struct{ name, s string }{
	{"span", "DynamoDB.GetItem"},
	{"route", "GET /orders/{id}"},
	{"table", "orders-prod"},
	{"arn", "arn:aws:lambda:us-east-1:123456789012:function:checkout-prod"},
	{"requestid", "8f5b1c2e-6a4d-4f3b-9c1e-2d7a8b9c0e1f"},
	{"url", "https://api.example.com/v1/orders/12345"},
	{"query", "https://api.example.com/v1/orders?id=12345&page=2"},
	{"email", "delivered to bob@example.com"},
	{"sql", "SELECT id, total FROM orders WHERE customer_id = $1"},
	{"secret", "https://api.example.com/v1?token=abc123&a=1"},
}

func BenchmarkRedact(b *testing.B) {
	for _, c := range typical {
		b.Run(c.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				_ = Redact(c.s)
			}
		})
	}
}

// keys are attribute keys exporters look up on every span.
var keys = []string{"rpc.system", "aws.table_name", "aws.request_id", "meta.customer", "order.id", "http.request.header.accept"}

// BenchmarkCredentialKey compares CredentialKey with how it was before
// (credentialKeySlow, in names_test.go) on common keys.
func BenchmarkCredentialKey(b *testing.B) {
	for _, c := range []struct {
		name string
		f    func(string) bool
	}{{"now", CredentialKey}, {"before", credentialKeySlow}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				for _, k := range keys {
					_ = c.f(k)
				}
			}
		})
	}
}
