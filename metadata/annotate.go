package metadata

import "go.opentelemetry.io/otel/attribute"

// Annotate returns kvs followed by the AnnotationsKey attribute naming them,
// so that on the span they are set on they become X-Ray annotations
// (indexed, searchable with annotation.<key>) rather than metadata. Keys
// become [A-Za-z0-9_] in the document ("order.id" is searched as
// annotation.order_id). Only strings, bools and numbers can be annotations;
// other values are left out.
//
// A span holds one AnnotationsKey attribute: a later Annotate on the same
// span replaces the list, so pass all of a span's annotations in one call.
func Annotate(kvs ...attribute.KeyValue) []attribute.KeyValue {
	return appendAnnotations(make([]attribute.KeyValue, 0, len(kvs)+1), kvs)
}

// appendAnnotations appends the primitive attributes of kvs to out, followed
// by the AnnotationsKey attribute naming them.
func appendAnnotations(out []attribute.KeyValue, kvs []attribute.KeyValue) []attribute.KeyValue {
	var keys []string
	for _, kv := range kvs {
		if !annotatable(kv) || hasKey(out, kv.Key) {
			continue
		}
		out = append(out, kv)
		keys = append(keys, string(kv.Key))
	}
	if len(keys) > 0 {
		out = append(out, AnnotationsKey.StringSlice(keys))
	}
	return out
}

func annotatable(kv attribute.KeyValue) bool {
	if kv.Key == "" || kv.Key == AnnotationsKey {
		return false
	}
	switch kv.Value.Type() {
	case attribute.STRING, attribute.BOOL, attribute.INT64, attribute.FLOAT64:
		return true
	}
	return false
}
