package metadata_test

import (
	"reflect"
	"testing"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/metadata"
)

func TestAWSAttributes(t *testing.T) {
	tests := []struct {
		name string
		in   metadata.AWS
		want []attribute.KeyValue
	}{
		{"zero", metadata.AWS{}, []attribute.KeyValue{}},
		{"fields in order", metadata.AWS{
			AccountID: "123456789012", TableName: "orders", QueueURL: "https://sqs.eu-west-1.amazonaws.com/1/q",
			TopicARN: "arn:aws:sns:eu-west-1:1:t", FunctionName: "f", BucketName: "b", KeyName: "k",
			IndexName: "by-customer", StreamName: "s", StateMachineARN: "arn:sm", EventBusName: "bus", SecretID: "db-creds",
		}, []attribute.KeyValue{
			metadata.TableNameKey.String("orders"),
			metadata.QueueURLKey.String("https://sqs.eu-west-1.amazonaws.com/1/q"),
			metadata.TopicARNKey.String("arn:aws:sns:eu-west-1:1:t"),
			metadata.FunctionNameKey.String("f"),
			metadata.BucketNameKey.String("b"),
			metadata.KeyNameKey.String("k"),
			metadata.IndexNameKey.String("by-customer"),
			metadata.StreamNameKey.String("s"),
			metadata.StateMachineARNKey.String("arn:sm"),
			metadata.EventBusNameKey.String("bus"),
			metadata.SecretIDKey.String("db-creds"),
			metadata.AccountIDKey.String("123456789012"),
		}},
		{"table names", metadata.AWS{TableNames: []string{"a", "b"}},
			[]attribute.KeyValue{metadata.TableNamesKey.StringSlice([]string{"a", "b"})}},
		{"params", metadata.AWS{Params: []attribute.KeyValue{
			attribute.Int("item_count", 3),
			attribute.String("aws.tenant_shard", "7"),
			attribute.String("NotSnake", "x"),       // not snake_case
			attribute.String("aws.", "x"),           // empty name
			attribute.String("region", "us-east-1"), // the call's own
			attribute.Int("retries", 9),             // the call's own
			attribute.String("table_names", "x"),    // reserved
			attribute.String("xray", "x"),           // reserved
			attribute.String("9lives", "x"),         // starts with a digit
			attribute.String("item.count", "x"),     // a dot
			attribute.Int("item_count", 4),          // duplicate: first wins
			{Key: "empty_value"},                    // invalid value
		}}, []attribute.KeyValue{
			attribute.Int("aws.item_count", 3),
			attribute.String("aws.tenant_shard", "7"),
		}},
		{"a param does not override a field", metadata.AWS{TableName: "orders",
			Params: []attribute.KeyValue{attribute.String("table_name", "other")}},
			[]attribute.KeyValue{metadata.TableNameKey.String("orders")}},
		{"annotations", metadata.AWS{Annotations: []attribute.KeyValue{
			attribute.String("tenant", "acme"),
			attribute.Int("tier", 2),
			attribute.StringSlice("tags", []string{"x"}), // not a primitive
		}}, []attribute.KeyValue{
			attribute.String("tenant", "acme"),
			attribute.Int("tier", 2),
			metadata.AnnotationsKey.StringSlice([]string{"tenant", "tier"}),
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := tt.in.Attributes()
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Attributes() =\n%v\nwant\n%v", got, tt.want)
			}
		})
	}
}
