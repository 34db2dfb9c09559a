package awssdk

import (
	"encoding/base64"
	"net/url"
	"strconv"
)

// maxSNSMessage is the SNS message size limit, message and attributes.
const maxSNSMessage = 256 << 10

func editSNSPublish(body []byte, c *carriers, r *injection) []byte {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		r.skip("body not a query")
		return nil
	}
	if !editSNSMessage(v, "", c, r, nil) {
		return nil
	}
	return []byte(v.Encode())
}

func editSNSBatch(body []byte, c *carriers, r *injection) []byte {
	v, err := url.ParseQuery(string(body))
	if err != nil {
		r.skip("body not a query")
		return nil
	}
	changed, total := false, len(body)
	for n := 1; ; n++ {
		prefix := "PublishBatchRequestEntries.member." + strconv.Itoa(n) + "."
		if _, ok := v[prefix+"Id"]; !ok {
			break
		}
		changed = editSNSMessage(v, prefix, c, r, &total) || changed
	}
	if !changed {
		return nil
	}
	return []byte(v.Encode())
}

// editSNSMessage adds the carriers to the message attributes of the
// message whose fields start with prefix; batch, if not nil, is the
// batch's running size.
func editSNSMessage(v url.Values, prefix string, c *carriers, r *injection, batch *int) bool {
	entry := prefix + "MessageAttributes.entry."
	names := map[string]bool{}
	size := len(v.Get(prefix + "Message"))
	n := 0
	for ; ; n++ {
		e := entry + strconv.Itoa(n+1) + "."
		name, ok := v[e+"Name"]
		if !ok {
			break
		}
		if len(name) > 0 {
			names[name[0]] = true
			size += len(name[0])
		}
		size += len(v.Get(e+"Value.DataType")) + len(v.Get(e+"Value.StringValue")) + len(v.Get(e+"Value.BinaryValue"))
	}
	type attr struct{ name, typ, field, value string }
	var add []attr
	for _, kv := range c.w3c {
		if !names[kv[0]] {
			add = append(add, attr{kv[0], "String", "StringValue", kv[1]})
		}
	}
	if c.dd != nil && !names["_datadog"] {
		// Binary, as Datadog writes it: filter policies skip it.
		add = append(add, attr{"_datadog", "Binary", "BinaryValue", base64.StdEncoding.EncodeToString(c.dd)})
	}
	if len(add) == 0 {
		return false
	}
	if n+len(add) > maxMessageAttributes {
		r.skip(strconv.Itoa(n) + " message attributes")
		return false
	}
	added := 0
	for _, a := range add {
		added += len(a.name) + len(a.typ) + len(a.value)
	}
	if !fits(size, added, maxSNSMessage, batch) {
		r.skip("message size")
		return false
	}
	for _, a := range add {
		n++
		e := entry + strconv.Itoa(n) + "."
		v.Set(e+"Name", a.name)
		v.Set(e+"Value.DataType", a.typ)
		v.Set(e+"Value."+a.field, a.value)
		r.add("MessageAttributes." + a.name)
	}
	return true
}
