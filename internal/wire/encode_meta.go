package wire

import (
	"github.com/otelxray/otelxray/segment"
)

func appendAnnotations(b []byte, kvs []segment.KeyValue) []byte {
	b = append(b, `,"annotations":{`...)
	first := true
	for _, kv := range kvs {
		// A sanitized key is made of letters, digits and _: nothing to escape.
		if key := segment.SanitizeAnnotationKey(kv.Key); key != "" {
			b = appendPrimitive(appendKey(b, &first, key), kv.Value, segment.MaxAnnotationValueLen)
		}
	}
	return append(b, '}')
}

func appendMetadata(b []byte, nss []segment.Namespace) []byte {
	b = append(b, `,"metadata":{`...)
	first := true
	for _, ns := range nss {
		if len(ns.Entries) == 0 && len(ns.Raw) == 0 {
			continue
		}
		b = appendString(appendComma(b, &first), segment.SanitizeMetadataKey(ns.Name), 0)
		b = append(b, ':')
		if len(ns.Raw) > 0 {
			b = append(b, ns.Raw...)
			continue
		}
		b = append(b, '{')
		for i, kv := range ns.Entries {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendString(b, segment.SanitizeMetadataKey(kv.Key), 0)
			b = append(b, ':')
			b = appendValue(b, kv.Value, 0)
		}
		b = append(b, '}')
	}
	return append(b, '}')
}

func appendLinks(b []byte, links []segment.Link) []byte {
	b = append(b, `,"links":[`...)
	for i, l := range links {
		if i == segment.MaxLinks {
			break
		}
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"trace_id":"`...)
		b = appendTraceID(b, l.TraceID)
		b = append(b, `","id":"`...)
		b = appendSpanID(b, l.ID)
		b = append(b, '"')
		if len(l.Attributes) > 0 {
			b = append(b, `,"attributes":{`...)
			for j, kv := range l.Attributes {
				if j > 0 {
					b = append(b, ',')
				}
				b = appendString(b, kv.Key, segment.MaxStringLen)
				b = append(b, ':')
				b = appendPrimitive(b, kv.Value, segment.MaxStringLen)
			}
			b = append(b, '}')
		}
		b = append(b, '}')
	}
	return append(b, ']')
}
