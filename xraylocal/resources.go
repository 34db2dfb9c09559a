package xraylocal

import (
	"net/url"
	"strings"
)

// target is a node a downstream call reaches.
type target struct{ name, typ string }

// awsService returns the service of an aws subsegment, lower-case, from its
// name ("DynamoDB", "Amazon SQS", "AWS.S3" ...), else from the request
// parameters it carries.
func awsService(s *Span) string {
	n := strings.ToLower(strings.TrimSpace(s.Name))
	for _, p := range []string{"amazon", "aws"} {
		n = strings.TrimLeft(strings.TrimPrefix(n, p), " .:-_")
	}
	switch n {
	case "dynamodb", "sqs", "sns", "s3", "lambda":
		return n
	}
	switch {
	case hasKey(s.AWS, "table_name", "table_names"):
		return "dynamodb"
	case hasKey(s.AWS, "queue_url"):
		return "sqs"
	case hasKey(s.AWS, "topic_arn"):
		return "sns"
	case hasKey(s.AWS, "bucket_name"):
		return "s3"
	case hasKey(s.AWS, "function_name"):
		return "lambda"
	}
	return n
}

func hasKey(m map[string]any, keys ...string) bool {
	for _, k := range keys {
		if _, ok := m[k]; ok {
			return true
		}
	}
	return false
}

// inferTargets returns the nodes a namespaced subsegment (a downstream
// call) reaches, as X-Ray infers them: for aws, the DynamoDB table(s), SQS
// queue, SNS topic, S3 bucket or Lambda function named in its aws object,
// else the service itself; for remote, the database of an sql subsegment,
// else the host of its URL, else its name.
func inferTargets(s *Span) []target {
	if s.Namespace == "aws" {
		return awsTargets(s)
	}
	if s.SQL != nil {
		return []target{{nonEmpty(s.Name, "database"), TypeSQL}}
	}
	if s.HTTP != nil && s.HTTP.URL != "" {
		if u, err := url.Parse(s.HTTP.URL); err == nil && u.Hostname() != "" {
			return []target{{u.Hostname(), TypeRemote}}
		}
	}
	return []target{{nonEmpty(s.Name, "remote"), TypeRemote}}
}

func awsTargets(s *Span) []target {
	a := s.AWS
	switch awsService(s) {
	case "dynamodb":
		var out []target
		seen := map[string]bool{}
		add := func(t string) {
			if t != "" && !seen[t] {
				seen[t] = true
				out = append(out, target{t, "AWS::DynamoDB::Table"})
			}
		}
		add(str(a, "table_name"))
		if list, ok := a["table_names"].([]any); ok {
			for _, v := range list {
				if t, ok := v.(string); ok {
					add(t)
				}
			}
		}
		if len(out) > 0 {
			return out
		}
		return []target{{"DynamoDB", "AWS::DynamoDB"}}
	case "sqs":
		if q := lastPart(str(a, "queue_url"), "/"); q != "" {
			return []target{{q, "AWS::SQS::Queue"}}
		}
		if q := str(a, "queue_name"); q != "" {
			return []target{{q, "AWS::SQS::Queue"}}
		}
		return []target{{"SQS", "AWS::SQS"}}
	case "sns":
		if t := lastPart(nonEmpty(str(a, "topic_arn"), str(a, "target_arn")), ":"); t != "" {
			return []target{{t, "AWS::SNS::Topic"}}
		}
		return []target{{"SNS", "AWS::SNS"}}
	case "s3":
		if b := nonEmpty(str(a, "bucket_name"), str(a, "bucket")); b != "" {
			return []target{{b, "AWS::S3::Bucket"}}
		}
		return []target{{"S3", "AWS::S3"}}
	case "lambda":
		if f := functionName(str(a, "function_name")); f != "" {
			return []target{{f, TypeLambda}}
		}
		return []target{{"Lambda", TypeLambda}}
	}
	name := nonEmpty(s.Name, "AWS")
	return []target{{name, "AWS::" + name}}
}

// functionName returns the name of a Lambda function given by name, by
// partial ARN ("123456789012:function:name") or by ARN, without a
// version or alias qualifier.
func functionName(s string) string {
	if i := strings.Index(s, "function:"); i >= 0 {
		s = s[i+len("function:"):]
	}
	name, _, _ := strings.Cut(s, ":")
	return name
}

// lastPart returns what follows the last sep in s, ignoring a trailing sep.
func lastPart(s, sep string) string {
	s = strings.TrimSuffix(s, sep)
	if i := strings.LastIndex(s, sep); i >= 0 {
		return s[i+len(sep):]
	}
	return s
}

func nonEmpty(s, def string) string {
	if s == "" {
		return def
	}
	return s
}
