package awssdk

import "strings"

// serviceName is the X-Ray name of an SDK v2 service ID: the ID without
// spaces ("Secrets Manager" -> "SecretsManager"; "DynamoDB", "SQS", "SFN"
// and most others are unchanged).
func serviceName(serviceID string) string {
	if serviceID == "" {
		return "AWS"
	}
	return strings.ReplaceAll(serviceID, " ", "")
}

// toSnake turns a field name into the X-Ray SDKs' snake_case parameter name:
// TableName -> table_name, QueueOwnerAWSAccountId ->
// queue_owner_aws_account_id, StreamARN -> stream_arn.
func toSnake(s string) string {
	var b strings.Builder
	b.Grow(len(s) + 4)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if isUpper(c) {
			if i > 0 && s[i-1] != '_' && (isLower(s[i-1]) || isDigit(s[i-1]) ||
				isUpper(s[i-1]) && i+1 < len(s) && isLower(s[i+1])) {
				b.WriteByte('_')
			}
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	return b.String()
}

func isUpper(c byte) bool { return 'A' <= c && c <= 'Z' }
func isLower(c byte) bool { return 'a' <= c && c <= 'z' }
func isDigit(c byte) bool { return '0' <= c && c <= '9' }
