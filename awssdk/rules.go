package awssdk

import (
	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

// rule records one parameter of a call.
type rule struct {
	// field is a field of the input or output struct; for kindCollect,
	// paths lists dotted paths through structs and lists instead.
	field string
	paths []string
	key   attribute.Key
	// many is the key of kindCollect when several values are found; when
	// empty, key takes a string slice whatever the count.
	many attribute.Key
	// missing is what kindCollect records for a list element whose path
	// ends in no value (EventBridge's "default" bus).
	missing string
	kind    kind
}

type kind uint8

const (
	kindValue    kind = iota // a scalar, or a list of strings
	kindKeys                 // a map's keys, sorted
	kindCount                // a list's or map's length
	kindCapacity             // DynamoDB ConsumedCapacity: total capacity units
	kindCollect              // distinct strings found along paths
)

// resourceRules are request fields recorded on every operation of a service
// that has them: the resource names that make service-map nodes. The X-Ray
// whitelist names them for a few operations only, and not at all for
// Kinesis, Step Functions, EventBridge and Secrets Manager.
var resourceRules = map[string][]rule{
	"dynamodb": {
		{field: "TableName", key: metadata.TableNameKey},
		{field: "IndexName", key: metadata.IndexNameKey},
	},
	"sqs":    {{field: "QueueUrl", key: metadata.QueueURLKey}},
	"sns":    {{field: "TopicArn", key: metadata.TopicARNKey}},
	"lambda": {{field: "FunctionName", key: metadata.FunctionNameKey}},
	"s3": {
		{field: "Bucket", key: metadata.BucketNameKey},
		{field: "Key", key: metadata.KeyNameKey},
	},
	"kinesis": {
		{field: "StreamName", key: metadata.StreamNameKey},
		{field: "StreamARN", key: "aws.stream_arn"},
	},
	"sfn": {
		{field: "StateMachineArn", key: metadata.StateMachineARNKey},
		{field: "ExecutionArn", key: "aws.execution_arn"},
	},
	"eventbridge":    {{field: "EventBusName", key: metadata.EventBusNameKey}},
	"secretsmanager": {{field: "SecretId", key: metadata.SecretIDKey}},
}

// opExtra are parameters of single operations where the whitelist is silent.
var opExtra = map[opKey]opRules{
	{"dynamodb", "TransactWriteItems"}: {req: []rule{{
		kind: kindCollect, key: metadata.TableNamesKey,
		paths: []string{"TransactItems.ConditionCheck.TableName", "TransactItems.Put.TableName",
			"TransactItems.Delete.TableName", "TransactItems.Update.TableName"},
	}}, resp: []rule{{field: "ConsumedCapacity", key: "aws.consumed_capacity", kind: kindCapacity}}},
	{"dynamodb", "TransactGetItems"}: {req: []rule{{
		kind: kindCollect, key: metadata.TableNamesKey, paths: []string{"TransactItems.Get.TableName"},
	}}, resp: []rule{{field: "ConsumedCapacity", key: "aws.consumed_capacity", kind: kindCapacity}}},
	{"dynamodb", "Query"}: {resp: []rule{
		{field: "Count", key: "aws.count"},
		{field: "ScannedCount", key: "aws.scanned_count"},
		{field: "Items", key: "aws.item_count", kind: kindCount},
	}},
	{"dynamodb", "Scan"}: {resp: []rule{{field: "Items", key: "aws.item_count", kind: kindCount}}},
	{"sns", "Publish"}:   {resp: []rule{{field: "MessageId", key: "aws.message_id"}}},
	{"sns", "PublishBatch"}: {req: []rule{{field: "PublishBatchRequestEntries", key: "aws.message_count", kind: kindCount}},
		resp: []rule{{field: "Failed", key: "aws.failed_count", kind: kindCount}}},
	{"kinesis", "PutRecord"}: {resp: []rule{{field: "ShardId", key: "aws.shard_id"}}},
	{"kinesis", "PutRecords"}: {req: []rule{{field: "Records", key: "aws.record_count", kind: kindCount}},
		resp: []rule{{field: "FailedRecordCount", key: "aws.failed_record_count"}}},
	{"kinesis", "GetRecords"}:     {resp: []rule{{field: "Records", key: "aws.record_count", kind: kindCount}}},
	{"sfn", "StartExecution"}:     {resp: []rule{{field: "ExecutionArn", key: "aws.execution_arn"}}},
	{"sfn", "StartSyncExecution"}: {resp: []rule{{field: "ExecutionArn", key: "aws.execution_arn"}, {field: "Status", key: "aws.status"}}},
	{"eventbridge", "PutEvents"}: {req: []rule{
		{kind: kindCollect, key: metadata.EventBusNameKey, many: "aws.event_bus_names",
			paths: []string{"Entries.EventBusName"}, missing: "default"},
		{field: "Entries", key: "aws.entry_count", kind: kindCount},
	}, resp: []rule{{field: "FailedEntryCount", key: "aws.failed_entry_count"}}},
}

// rulesFor returns the rules of an operation: the whitelist's first, then
// this package's, without two rules for one attribute key.
func rulesFor(w *Whitelist, service, op string) opRules {
	ns := normService(service)
	wl := w.rules(ns, op)
	extra := opExtra[opKey{ns, op}]
	res := resourceRules[ns]
	req := make([]rule, 0, len(wl.req)+len(extra.req)+len(res))
	req = appendRules(req, wl.req...)
	req = appendRules(req, extra.req...)
	req = appendRules(req, res...)
	resp := make([]rule, 0, len(wl.resp)+len(extra.resp))
	resp = appendRules(resp, wl.resp...)
	resp = appendRules(resp, extra.resp...)
	return opRules{req: req, resp: resp}
}

func appendRules(dst []rule, rs ...rule) []rule {
next:
	for _, r := range rs {
		for _, d := range dst {
			if d.key == r.key {
				continue next
			}
		}
		dst = append(dst, r)
	}
	return dst
}
