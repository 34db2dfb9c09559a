package payload

import (
	"strings"

	"go.opentelemetry.io/otel/attribute"

	"github.com/otelxray/otelxray/internal/scrub"
)

// awsService is rpc.service, or the service part of rpc.method "DynamoDB/GetItem".
func awsService(attrs map[string]attribute.Value) string {
	if s := str(attrs, "rpc.service", "aws.service"); s != "" {
		return s
	}
	svc, _, _ := strings.Cut(str(attrs, "rpc.method"), "/")
	return svc
}

// awsTags gives AWS SDK spans the tags Datadog's AWS integrations set:
// aws.operation, aws_service, region and the resource names.
func awsTags(attrs map[string]attribute.Value) map[string]string {
	if str(attrs, "rpc.system", "rpc.system.name") != "aws-api" {
		return nil
	}
	svc := awsService(attrs)
	op := str(attrs, "aws.operation", "rpc.method")
	if i := strings.LastIndexByte(op, '/'); i >= 0 {
		op = op[i+1:]
	}
	t := map[string]string{
		"aws.operation": op,
		"aws_service":   svc,
		"aws.service":   svc,
		"region":        str(attrs, "aws.region", "cloud.region"),
		"aws.region":    str(attrs, "aws.region", "cloud.region"),
		"request_id":    str(attrs, "aws.request_id", "aws.requestId"),
	}
	if v, ok := attrs["aws.dynamodb.table_names"]; ok && v.Type() == attribute.STRINGSLICE && len(v.AsStringSlice()) > 0 {
		t["tablename"] = v.AsStringSlice()[0]
	}
	if n := str(attrs, "aws.table_name", "aws.table.name"); n != "" {
		t["tablename"] = n
	}
	if q := scrub.Redact(str(attrs, "aws.queue_url", "aws.queue.url", "messaging.url")); q != "" {
		t["queuename"] = q[strings.LastIndexByte(q, '/')+1:]
	}
	if a := str(attrs, "aws.topic_arn"); a != "" {
		t["topicname"] = a[strings.LastIndexByte(a, ':')+1:]
	}
	if b := str(attrs, "aws.bucket_name", "aws.s3.bucket"); b != "" {
		t["bucketname"] = b
	}
	if s := str(attrs, "aws.stream_name"); s != "" {
		t["streamname"] = s
	}
	if a := str(attrs, "aws.state_machine_arn"); a != "" {
		t["statemachinename"] = a[strings.LastIndexByte(a, ':')+1:]
	}
	if f := str(attrs, "aws.function_name"); f != "" {
		t["functionname"] = f[strings.LastIndexByte(f, ':')+1:]
	}
	for k, v := range t {
		if v == "" {
			delete(t, k)
		} else {
			t[k] = clean(v)
		}
	}
	return t
}
