package metadata

import (
	"slices"

	"go.opentelemetry.io/otel/attribute"
)

// AWS is metadata about the AWS resources a piece of work touches. Each
// non-empty field becomes the attribute named in its comment. The zero value
// adds nothing.
type AWS struct {
	TableName       string   // TableNameKey
	TableNames      []string // TableNamesKey; TableName wins when both are set
	QueueURL        string   // QueueURLKey
	TopicARN        string   // TopicARNKey
	FunctionName    string   // FunctionNameKey
	BucketName      string   // BucketNameKey
	KeyName         string   // KeyNameKey
	IndexName       string   // IndexNameKey
	StreamName      string   // StreamNameKey
	StateMachineARN string   // StateMachineARNKey
	EventBusName    string   // EventBusNameKey
	SecretID        string   // SecretIDKey
	AccountID       string   // AccountIDKey

	// Params are other aws parameters; empty values are left out. A key is a parameter name in
	// snake_case ("item_count", or "aws.item_count"). Keys that are not
	// snake_case, and the names of fields that belong to the call itself
	// (operation, region, request_id, retries, table_names, service, xray),
	// are left out.
	Params []attribute.KeyValue

	// Annotations are attributes to add and index as annotations: strings,
	// bools and numbers. Other types are left out.
	Annotations []attribute.KeyValue
}

// Attributes returns m as span attributes: its fields, then Params, then
// Annotations with the AnnotationsKey attribute that names them.
func (m AWS) Attributes() []attribute.KeyValue {
	n := len(m.Params) + len(m.Annotations) + 2
	out := make([]attribute.KeyValue, 0, n+len(m.fields()))
	for _, f := range m.fields() {
		if f.value != "" {
			out = append(out, f.key.String(f.value))
		}
	}
	if len(m.TableNames) > 0 {
		out = append(out, TableNamesKey.StringSlice(m.TableNames))
	}
	for _, kv := range m.Params {
		if k, ok := paramKey(string(kv.Key)); ok && kv.Value.Type() != attribute.EMPTY && !hasKey(out, k) {
			out = append(out, attribute.KeyValue{Key: k, Value: kv.Value})
		}
	}
	return appendAnnotations(out, m.Annotations)
}

type field struct {
	key   attribute.Key
	value string
}

// fields lists the string fields in declaration order.
func (m *AWS) fields() [12]field {
	return [...]field{
		{TableNameKey, m.TableName},
		{QueueURLKey, m.QueueURL},
		{TopicARNKey, m.TopicARN},
		{FunctionNameKey, m.FunctionName},
		{BucketNameKey, m.BucketName},
		{KeyNameKey, m.KeyName},
		{IndexNameKey, m.IndexName},
		{StreamNameKey, m.StreamName},
		{StateMachineARNKey, m.StateMachineARN},
		{EventBusNameKey, m.EventBusName},
		{SecretIDKey, m.SecretID},
		{AccountIDKey, m.AccountID},
	}
}

// merge returns m with the non-empty values of inner laid over it. The
// table name fields go together: inner's win when it sets either.
func (m AWS) merge(inner AWS) AWS {
	out := m.clone()
	over := func(dst *string, v string) {
		if v != "" {
			*dst = v
		}
	}
	if inner.TableName != "" || len(inner.TableNames) > 0 {
		out.TableName, out.TableNames = inner.TableName, slices.Clone(inner.TableNames)
	}
	over(&out.QueueURL, inner.QueueURL)
	over(&out.TopicARN, inner.TopicARN)
	over(&out.FunctionName, inner.FunctionName)
	over(&out.BucketName, inner.BucketName)
	over(&out.KeyName, inner.KeyName)
	over(&out.IndexName, inner.IndexName)
	over(&out.StreamName, inner.StreamName)
	over(&out.StateMachineARN, inner.StateMachineARN)
	over(&out.EventBusName, inner.EventBusName)
	over(&out.SecretID, inner.SecretID)
	over(&out.AccountID, inner.AccountID)
	out.Params = mergeKVs(out.Params, inner.Params)
	out.Annotations = mergeKVs(out.Annotations, inner.Annotations)
	return out
}

// clone copies m's slices, so that later changes by the caller do not show.
func (m AWS) clone() AWS {
	m.TableNames = slices.Clone(m.TableNames)
	m.Params = slices.Clone(m.Params)
	m.Annotations = slices.Clone(m.Annotations)
	return m
}

// mergeKVs returns outer with inner's entries replacing those of the same key.
func mergeKVs(outer, inner []attribute.KeyValue) []attribute.KeyValue {
	if len(inner) == 0 {
		return outer
	}
	out := make([]attribute.KeyValue, 0, len(outer)+len(inner))
	for _, kv := range outer {
		if !hasKey(inner, kv.Key) {
			out = append(out, kv)
		}
	}
	return append(out, inner...)
}

func hasKey(kvs []attribute.KeyValue, k attribute.Key) bool {
	for _, kv := range kvs {
		if kv.Key == k {
			return true
		}
	}
	return false
}

// paramKey returns the attribute key of an aws parameter named k, with or
// without the aws. prefix, and whether k is a snake_case name.
func paramKey(k string) (attribute.Key, bool) {
	name := k
	if len(name) > len(ParamKeyPrefix) && name[:len(ParamKeyPrefix)] == ParamKeyPrefix {
		name = name[len(ParamKeyPrefix):]
	}
	if !snakeCase(name) || callOwned(name) {
		return "", false
	}
	if len(name) == len(k) {
		return attribute.Key(ParamKeyPrefix + name), true
	}
	return attribute.Key(k), true
}

// snakeCase reports whether s is a non-empty run of a-z, 0-9 and _,
// starting with a letter.
func snakeCase(s string) bool {
	if s == "" || s[0] < 'a' || s[0] > 'z' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !('a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '_') {
			return false
		}
	}
	return true
}

// callOwned reports whether an aws parameter name is a field that only the
// call itself sets, or that the exporter reserves.
func callOwned(name string) bool {
	switch name {
	case "operation", "region", "request_id", "retries", "table_names", "service", "xray":
		return true
	}
	return false
}
