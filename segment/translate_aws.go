package segment

import (
	"strings"

	"go.opentelemetry.io/otel/attribute"
)

// buildAWS maps AWS SDK call attributes to a subsegment's aws object.
func buildAWS(sc *Scratch, a *attrs, awsAPI bool) *AWS {
	x := sc.newAWS()
	x.Retries = -1
	x.Operation = a.str(kAWSOperation)
	if x.Operation == "" && awsAPI {
		op := a.str(kRPCMethod)
		if i := strings.LastIndexByte(op, '/'); i >= 0 {
			op = op[i+1:]
		}
		x.Operation = op
	}
	x.Region = a.str(kAWSRegion, kCloudRegion)
	x.RequestID = a.str(kAWSRequestID, kAWSRequestIDCamel)
	x.AccountID = a.str(kAWSAccountID, kCloudAccountID)
	x.QueueURL = cleanURL(a.str(kAWSQueueURL, kAWSQueueURLDot, kMessagingURL))
	if x.QueueURL == "" && strings.EqualFold(a.peek(kRPCService), "SQS") {
		x.QueueURL = sqsQueueURL(a)
	}
	x.TableName = a.str(kAWSTableName, kAWSTableNameDot)
	if v := a.value(kAWSDynamoDBTableNames); v != nil && x.TableName == "" {
		switch v.Type() {
		case attribute.STRINGSLICE:
			x.TableNames = sc.stringSlice(*v)
		case attribute.STRING:
			x.TableName = v.AsString()
		}
	}
	if n, ok := a.int(kAWSRetries); ok && n >= 0 {
		x.Retries = n
	}
	start := begin(sc.kvs)
	if b := a.str(kAWSS3Bucket); b != "" {
		sc.kvs = append(sc.kvs, KeyValue{Key: "bucket_name", Value: attribute.StringValue(b)})
	}
	if k := a.str(kAWSS3Key); k != "" {
		sc.kvs = append(sc.kvs, KeyValue{Key: "key_name", Value: attribute.StringValue(k)})
	}
	// Other whitelisted parameters arrive as aws.<snake_case> attributes.
	for i, kv := range a.kvs {
		if a.sh != nil && a.sh.awsParam>>i == 0 {
			break // no parameter among the rest
		}
		k := string(kv.Key)
		if a.isUsed(i) {
			continue
		}
		if a.sh != nil {
			if a.sh.awsParam&(1<<i) == 0 {
				continue
			}
		} else if !strings.HasPrefix(k, "aws.") || knownKey(k) != kNone || !awsParamKey(k) {
			continue
		}
		p := k[len("aws."):]
		if params := sc.kvs[start:]; len(params) >= maxAWSParams || hasKey(params, p) {
			continue // what is left over stays in metadata
		}
		a.use(i)
		sc.kvs = append(sc.kvs, KeyValue{Key: p, Value: kv.Value})
	}
	x.Params = done(sc.kvs, start)
	return x
}

// maxAWSParams bounds the request parameters kept in the aws object; X-Ray's
// own whitelist records a handful per operation.
const maxAWSParams = 64

// awsParamKey reports whether k, a key no field reads, has the form of
// an aws object parameter: aws.<snake_case>, not a field of the object.
func awsParamKey(k string) bool {
	if !strings.HasPrefix(k, "aws.") {
		return false
	}
	p := k[len("aws."):]
	return p != "" && SanitizeAWSKey(p) == p && !reservedAWSParam(p)
}

// reservedAWSParam reports whether p is a field the aws object already has.
func reservedAWSParam(p string) bool {
	switch p {
	case "operation", "region", "request_id", "account_id", "retries", "queue_url", "table_name", "table_names",
		"service", "ec2", "ecs", "eks", "elastic_beanstalk", "xray", "cloudwatch_logs":
		return true
	}
	return false
}

// sqsQueueURL recovers the queue URL that SQS instrumentations record as the
// request URL: https://sqs.<region>.amazonaws.com/<account>/<queue>.
func sqsQueueURL(a *attrs) string {
	u := a.peek(kURLFull)
	if u == "" {
		u = a.peek(kServerAddress)
	}
	i := strings.Index(u, "://")
	if i < 0 {
		return ""
	}
	path := u[i+3:]
	if j := strings.IndexByte(path, '/'); j >= 0 {
		path = path[j+1:]
	} else {
		return ""
	}
	if parts := strings.Split(strings.TrimSuffix(path, "/"), "/"); len(parts) == 2 && parts[0] != "" && parts[1] != "" {
		return cleanURL(u)
	}
	return ""
}
