package awssdk

import (
	"encoding/json"
	"strconv"
)

// maxSQSMessage is the SQS message size limit (1 MiB since August 2025),
// body and attributes together.
const maxSQSMessage = 1 << 20

// jsonObject is one level of a JSON object, its values left encoded.
type jsonObject map[string]json.RawMessage

func editSQSSend(body []byte, c *carriers, r *injection) []byte {
	return editObject(body, r, func(msg jsonObject) bool { return editSQSMessage(msg, c, r, nil) })
}

// editSQSBatch edits every entry; the batch's total size is bounded too.
func editSQSBatch(body []byte, c *carriers, r *injection) []byte {
	total := len(body)
	return editEach(body, "Entries", r, func(msg jsonObject) bool { return editSQSMessage(msg, c, r, &total) })
}

// editObject decodes a JSON body, lets edit change it, and encodes it
// again if edit says it did.
func editObject(body []byte, r *injection, edit func(jsonObject) bool) []byte {
	var top jsonObject
	if json.Unmarshal(body, &top) != nil {
		r.skip("body not JSON")
		return nil
	}
	if !edit(top) {
		return nil
	}
	return marshal(top)
}

// editEach is editObject for each object of the list body[field].
func editEach(body []byte, field string, r *injection, edit func(jsonObject) bool) []byte {
	return editObject(body, r, func(top jsonObject) bool {
		var list []jsonObject
		if json.Unmarshal(top[field], &list) != nil {
			r.skip(field + " not a list of objects")
			return false
		}
		changed := false
		for _, o := range list {
			changed = edit(o) || changed
		}
		if changed {
			top[field] = marshal(list)
		}
		return changed
	})
}

// editSQSMessage adds the carriers to one message's MessageAttributes;
// batch, if not nil, is the batch's running size (its body's, which
// bounds what the entries hold).
func editSQSMessage(msg jsonObject, c *carriers, r *injection, batch *int) bool {
	var attrs jsonObject
	if raw, ok := msg["MessageAttributes"]; ok && json.Unmarshal(raw, &attrs) != nil {
		r.skip("MessageAttributes not JSON")
		return false
	}
	if attrs == nil {
		attrs = jsonObject{}
	}
	var add [][2]string // name, encoded value
	for _, kv := range c.w3c {
		add = appendNew(add, attrs, kv[0], `{"DataType":"String","StringValue":`+strconv.Quote(kv[1])+`}`)
	}
	if c.dd != nil {
		v, _ := json.Marshal(string(c.dd))
		add = appendNew(add, attrs, "_datadog", `{"DataType":"String","StringValue":`+string(v)+`}`)
	}
	if len(add) == 0 {
		return false
	}
	if len(attrs)+len(add) > maxMessageAttributes {
		r.skip(strconv.Itoa(len(attrs)) + " message attributes")
		return false
	}
	size, added := len(msg["MessageBody"]), 0
	for k, v := range attrs {
		size += len(k) + len(v)
	}
	for _, kv := range add {
		added += len(kv[0]) + len(kv[1])
	}
	if !fits(size, added, maxSQSMessage, batch) {
		r.skip("message size")
		return false
	}
	for _, kv := range add {
		attrs[kv[0]] = json.RawMessage(kv[1])
		r.add("MessageAttributes." + kv[0])
	}
	msg["MessageAttributes"] = marshal(attrs)
	return true
}

// fits says whether added bytes keep a message of size (and the batch, if
// any) within limit, and counts them in the batch.
func fits(size, added, limit int, batch *int) bool {
	if size+added > limit || batch != nil && *batch+added > limit {
		return false
	}
	if batch != nil {
		*batch += added
	}
	return true
}

// appendNew appends name unless the caller set it.
func appendNew(add [][2]string, attrs jsonObject, name, value string) [][2]string {
	if _, set := attrs[name]; set {
		return add
	}
	return append(add, [2]string{name, value})
}

// marshal encodes values that always encode (objects of raw JSON values
// that were decoded, strings).
func marshal(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}
