package awssdk

import (
	"reflect"
	"strings"
	"sync"
	"testing"

	"go.opentelemetry.io/otel/attribute"
)

func TestParseWhitelistErrors(t *testing.T) {
	tests := []struct{ name, doc, want string }{
		{"not JSON", `{"services":`, "not valid JSON"},
		{"not an object", `[]`, "not valid JSON"},
		{"no services", `{}`, `no "services"`},
		{"empty", ``, "not valid JSON"},
	}
	for _, tt := range tests {
		_, err := ParseWhitelist([]byte(tt.doc))
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: err = %v, want %q", tt.name, err, tt.want)
		}
	}
}

func keysOf(rs []rule) []attribute.Key {
	var out []attribute.Key
	for _, r := range rs {
		out = append(out, r.key)
	}
	return out
}

// TestDefaultWhitelist checks that the X-Ray SDK's whitelist loads and that
// its SDK v1 service names reach SDK v2 service IDs.
func TestDefaultWhitelist(t *testing.T) {
	var wg sync.WaitGroup
	got := make([]*Whitelist, 8)
	for i := range got {
		wg.Go(func() { got[i] = defaultWhitelist() })
	}
	wg.Wait()
	for _, w := range got[1:] {
		if w != got[0] {
			t.Fatal("the whitelist was loaded more than once")
		}
	}
	w := got[0]
	tests := []struct {
		service, op string
		req, resp   []attribute.Key
	}{
		{"DynamoDB", "GetItem",
			[]attribute.Key{"aws.consistent_read", "aws.projection_expression", "aws.table_name"},
			[]attribute.Key{"aws.consumed_capacity"}},
		{"DynamoDB", "BatchWriteItem", []attribute.Key{"aws.dynamodb.table_names"},
			[]attribute.Key{"aws.consumed_capacity", "aws.item_collection_metrics"}},
		{"SQS", "SendMessage", []attribute.Key{"aws.delay_seconds", "aws.queue_url", "aws.message_attribute_names"},
			[]attribute.Key{"aws.message_id"}},
		{"SQS", "GetQueueUrl", []attribute.Key{"aws.queue_name", "aws.queue_owner_aws_account_id"}, []attribute.Key{"aws.queue_url"}},
		{"S3", "GetObject", []attribute.Key{"aws.key_name", "aws.bucket_name"}, nil},
		{"SNS", "Publish", []attribute.Key{"aws.topic_arn"}, nil},
		{"Lambda", "Invoke", []attribute.Key{"aws.function_name", "aws.invocation_type", "aws.log_type", "aws.qualifier"},
			[]attribute.Key{"aws.function_error", "aws.status_code"}},
		{"SageMaker Runtime", "InvokeEndpoint", []attribute.Key{"aws.endpoint_name"}, nil},
		{"Kinesis", "PutRecord", nil, nil},
	}
	for _, tt := range tests {
		r := w.rules(tt.service, tt.op)
		if !reflect.DeepEqual(keysOf(r.req), tt.req) || !reflect.DeepEqual(keysOf(r.resp), tt.resp) {
			t.Errorf("%s %s: request %v, response %v; want %v, %v", tt.service, tt.op, keysOf(r.req), keysOf(r.resp), tt.req, tt.resp)
		}
	}
}

func TestRulesFor(t *testing.T) {
	w, err := ParseWhitelist([]byte(`{"services":{
		"dynamodb":{"operations":{"GetItem":{"request_parameters":["TableName","ReturnConsumedCapacity"]}}},
		"Secrets Manager":{"operations":{"GetSecretValue":{"request_parameters":["VersionStage"]}}},
		"events":{"operations":{"PutEvents":{"request_parameters":["EndpointId"]}}}}}`))
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		service, op string
		req, resp   []attribute.Key
	}{
		// The whitelist's rules first; this package's resource names once.
		{"DynamoDB", "GetItem", []attribute.Key{"aws.table_name", "aws.return_consumed_capacity", "aws.index_name"}, []attribute.Key{}},
		{"Secrets Manager", "GetSecretValue", []attribute.Key{"aws.version_stage", "aws.secret_id"}, []attribute.Key{}},
		{"EventBridge", "PutEvents", []attribute.Key{"aws.endpoint_id", "aws.event_bus_name", "aws.entry_count"},
			[]attribute.Key{"aws.failed_entry_count"}},
		{"Kinesis", "PutRecords", []attribute.Key{"aws.record_count", "aws.stream_name", "aws.stream_arn"},
			[]attribute.Key{"aws.failed_record_count"}},
		{"SFN", "StartExecution", []attribute.Key{"aws.state_machine_arn", "aws.execution_arn"}, []attribute.Key{"aws.execution_arn"}},
		{"Unknown", "Op", []attribute.Key{}, []attribute.Key{}},
	}
	for _, tt := range tests {
		r := rulesFor(w, tt.service, tt.op)
		gotReq, gotResp := keysOf(r.req), keysOf(r.resp)
		if gotReq == nil {
			gotReq = []attribute.Key{}
		}
		if gotResp == nil {
			gotResp = []attribute.Key{}
		}
		if !reflect.DeepEqual(gotReq, tt.req) || !reflect.DeepEqual(gotResp, tt.resp) {
			t.Errorf("%s %s: request %v, response %v; want %v, %v", tt.service, tt.op, gotReq, gotResp, tt.req, tt.resp)
		}
	}
}
