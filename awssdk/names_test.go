package awssdk

import "testing"

func TestToSnake(t *testing.T) {
	tests := []struct{ in, want string }{
		{"TableName", "table_name"},
		{"QueueUrl", "queue_url"},
		{"QueueOwnerAWSAccountId", "queue_owner_aws_account_id"},
		{"StreamARN", "stream_arn"},
		{"TopicArn", "topic_arn"},
		{"MD5OfMessageBody", "md5_of_message_body"},
		{"ConsistentRead", "consistent_read"},
		{"Key", "key"},
		{"already_snake", "already_snake"},
		{"A", "a"},
		{"", ""},
	}
	for _, tt := range tests {
		if got := toSnake(tt.in); got != tt.want {
			t.Errorf("toSnake(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestServiceName(t *testing.T) {
	tests := []struct{ in, want string }{
		{"DynamoDB", "DynamoDB"},
		{"SQS", "SQS"},
		{"SFN", "SFN"},
		{"EventBridge", "EventBridge"},
		{"Secrets Manager", "SecretsManager"},
		{"CloudWatch Logs", "CloudWatchLogs"},
		{"", "AWS"},
	}
	for _, tt := range tests {
		if got := serviceName(tt.in); got != tt.want {
			t.Errorf("serviceName(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
