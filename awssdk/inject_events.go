package awssdk

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
)

// Size limits of the payloads _datadog goes into.
const (
	maxEventDetail = 256 << 10 // an EventBridge entry
	maxSFNInput    = 256 << 10 // a Step Functions input
	maxKinesisData = 1 << 20   // a Kinesis record
)

func editPutEvents(body []byte, c *carriers, r *injection) []byte {
	return editEach(body, "Entries", r, func(e jsonObject) bool {
		changed := setTraceHeader(e, "TraceHeader", c, r)
		if c.dd != nil {
			changed = spliceField(e, "Detail", maxEventDetail, c.dd, r) || changed
		}
		return changed
	})
}

func editStartExecution(body []byte, c *carriers, r *injection) []byte {
	return editObject(body, r, func(top jsonObject) bool {
		changed := setTraceHeader(top, "traceHeader", c, r)
		if c.dd != nil {
			if _, set := top["input"]; !set {
				top["input"] = marshal("{}") // Step Functions' default input
			}
			changed = spliceField(top, "input", maxSFNInput, c.dd, r) || changed
		}
		return changed
	})
}

func editPutRecord(body []byte, c *carriers, r *injection) []byte {
	if c.dd == nil {
		return nil
	}
	return editObject(body, r, func(rec jsonObject) bool { return spliceData(rec, c.dd, r) })
}

func editPutRecords(body []byte, c *carriers, r *injection) []byte {
	if c.dd == nil {
		return nil
	}
	return editEach(body, "Records", r, func(rec jsonObject) bool { return spliceData(rec, c.dd, r) })
}

// setTraceHeader sets obj[field] to the X-Ray header unless it is set.
func setTraceHeader(obj jsonObject, field string, c *carriers, r *injection) bool {
	if _, set := obj[field]; set {
		return false
	}
	obj[field] = marshal(c.xray)
	r.add(field)
	return true
}

// spliceField adds _datadog to the JSON object held as a string in
// obj[field].
func spliceField(obj jsonObject, field string, limit int, dd []byte, r *injection) bool {
	var s string
	if json.Unmarshal(obj[field], &s) != nil {
		r.skip(field + " not a string")
		return false
	}
	out, reason := spliceDatadog([]byte(s), dd, limit)
	if out == nil {
		r.skip(field + " " + reason)
		return false
	}
	obj[field] = marshal(string(out))
	r.add(field + "._datadog")
	return true
}

// spliceData adds _datadog to a Kinesis record's base64 Data.
func spliceData(rec jsonObject, dd []byte, r *injection) bool {
	var data []byte // encoding/json decodes base64
	if json.Unmarshal(rec["Data"], &data) != nil {
		r.skip("Data not base64")
		return false
	}
	out, reason := spliceDatadog(data, dd, maxKinesisData-len(rec["PartitionKey"]))
	if out == nil {
		r.skip("Data " + reason)
		return false
	}
	rec["Data"] = marshal(base64.StdEncoding.EncodeToString(out))
	r.add("Data._datadog")
	return true
}

// spliceDatadog returns the JSON object doc with a "_datadog" member
// added last, the caller's bytes otherwise kept as they are; nil and the
// reason when doc is not a JSON object, has _datadog already, or would
// pass limit. An empty or blank doc is {}.
func spliceDatadog(doc, dd []byte, limit int) ([]byte, string) {
	doc = bytes.TrimSpace(doc)
	if len(doc) == 0 {
		doc = []byte("{}")
	}
	var members jsonObject
	if doc[0] != '{' || json.Unmarshal(doc, &members) != nil {
		return nil, "not a JSON object"
	}
	if _, set := members["_datadog"]; set {
		return nil, "has _datadog"
	}
	out := make([]byte, 0, len(doc)+len(dd)+13)
	out = append(out, doc[:len(doc)-1]...) // without the closing brace
	if len(members) > 0 {
		out = append(out, ',')
	}
	out = append(out, `"_datadog":`...)
	out = append(out, dd...)
	out = append(out, '}')
	if len(out) > limit {
		return nil, "size"
	}
	return out, ""
}
