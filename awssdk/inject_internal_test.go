package awssdk

import (
	"encoding/base64"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

var testCarriers = &carriers{
	w3c:  [][2]string{{"traceparent", "00-6758a1b2c3d4e5f60123456789abcdef-00f067aa0ba902b7-01"}},
	dd:   []byte(`{"x-datadog-parent-id":"67667974448284343","x-datadog-trace-id":"81985529216486895"}`),
	xray: "Root=1-6758a1b2-c3d4e5f60123456789abcdef;Parent=00f067aa0ba902b7;Sampled=1",
}

func noDatadog() *carriers { c := *testCarriers; c.dd = nil; return &c }

func tenAttrs(n int) string {
	var parts []string
	for i := range n {
		parts = append(parts, `"a`+string(rune('a'+i))+`":{"DataType":"String","StringValue":"v"}`)
	}
	return "{" + strings.Join(parts, ",") + "}"
}

func TestEditors(t *testing.T) {
	tests := []struct {
		name     string
		edit     editor
		c        *carriers
		body     string
		want     []string // substrings of the new body; nil: unchanged
		injected []string
		skipped  int
	}{
		{"SQS send", editSQSSend, noDatadog(), `{"QueueUrl":"q","MessageBody":"hi"}`,
			[]string{`"traceparent":{"DataType":"String","StringValue":"00-6758a1b2c3d4e5f60123456789abcdef-00f067aa0ba902b7-01"}`},
			[]string{"MessageAttributes.traceparent"}, 0},
		{"SQS send with _datadog", editSQSSend, testCarriers, `{"QueueUrl":"q","MessageBody":"hi"}`,
			[]string{`"_datadog":{"DataType":"String","StringValue":"{\"x-datadog-parent-id\"`},
			[]string{"MessageAttributes.traceparent", "MessageAttributes._datadog"}, 0},
		{"SQS caller's traceparent kept", editSQSSend, noDatadog(),
			`{"MessageBody":"hi","MessageAttributes":{"traceparent":{"DataType":"String","StringValue":"mine"}}}`, nil, nil, 0},
		{"SQS 10 attributes", editSQSSend, noDatadog(), `{"MessageBody":"hi","MessageAttributes":` + tenAttrs(10) + `}`, nil, nil, 1},
		{"SQS 9 attributes, two to add", editSQSSend, testCarriers, `{"MessageBody":"hi","MessageAttributes":` + tenAttrs(9) + `}`, nil, nil, 1},
		{"SQS batch, every entry", editSQSBatch, noDatadog(),
			`{"Entries":[{"Id":"1","MessageBody":"a"},{"Id":"2","MessageBody":"b","MessageAttributes":` + tenAttrs(10) + `},{"Id":"3","MessageBody":"c"}]}`,
			[]string{`"Id":"1","MessageAttributes":{"traceparent"`, `"Id":"3","MessageAttributes":{"traceparent"`},
			[]string{"MessageAttributes.traceparent"}, 1},
		{"SQS not JSON", editSQSSend, noDatadog(), `{`, nil, nil, 1},
		{"PutEvents", editPutEvents, testCarriers,
			`{"Entries":[{"Detail":"{}","Source":"s"},{"Detail":"{\"a\":1}","TraceHeader":"mine"},{"Detail":"[1]"}]}`,
			[]string{`"Detail":"{\"_datadog\":{`, `"Detail":"{\"a\":1,\"_datadog\":{`, `"TraceHeader":"mine"`, `"TraceHeader":"Root=1-6758a1b2`},
			[]string{"TraceHeader", "Detail._datadog"}, 1},
		{"StartExecution {}", editStartExecution, testCarriers, `{"stateMachineArn":"arn","input":"{}"}`,
			[]string{`"input":"{\"_datadog\":{`, `"traceHeader":"Root=1-`}, []string{"traceHeader", "input._datadog"}, 0},
		{"StartExecution no input", editStartExecution, testCarriers, `{"stateMachineArn":"arn"}`,
			[]string{`"input":"{\"_datadog\":{`}, []string{"traceHeader", "input._datadog"}, 0},
		{"StartExecution, no bridge", editStartExecution, noDatadog(), `{"input":" {\"a\":[1]} "}`,
			[]string{`"input":" {\"a\":[1]} "`, `"traceHeader"`}, []string{"traceHeader"}, 0},
		{"PutRecord without the bridge", editPutRecord, noDatadog(), `{"Data":"e30="}`, nil, nil, 0},
		{"PutRecord JSON data", editPutRecord, testCarriers, `{"Data":"` + base64.StdEncoding.EncodeToString([]byte(`{"a":1}`)) + `"}`,
			[]string{`"Data":"` + base64.StdEncoding.EncodeToString([]byte(`{"a":1,"_datadog":`+string(testCarriers.dd)+`}`)) + `"`},
			[]string{"Data._datadog"}, 0},
		{"PutRecords, data not JSON", editPutRecords, testCarriers, `{"Records":[{"Data":"aGk="}]}`, nil, nil, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var r injection
			out := tt.edit([]byte(tt.body), tt.c, &r)
			if tt.want == nil && out != nil {
				t.Fatalf("changed: %s", out)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(out), w) {
					t.Errorf("%s\nlacks %s", out, w)
				}
			}
			if out != nil && !json.Valid(out) {
				t.Errorf("invalid JSON %s", out)
			}
			if strings.Join(r.injected, ",") != strings.Join(tt.injected, ",") || r.skipped != tt.skipped {
				t.Errorf("injected %v skipped %d (%s), want %v %d", r.injected, r.skipped, r.reason, tt.injected, tt.skipped)
			}
		})
	}
}

func TestEditSNS(t *testing.T) {
	body := url.Values{"Action": {"Publish"}, "Message": {"hi"},
		"MessageAttributes.entry.1.Name": {"tracestate"}, "MessageAttributes.entry.1.Value.DataType": {"String"},
		"MessageAttributes.entry.1.Value.StringValue": {"mine"}}.Encode()
	var r injection
	c := *testCarriers
	c.w3c = append(c.w3c, [2]string{"tracestate", "theirs"})
	v, _ := url.ParseQuery(string(editSNSPublish([]byte(body), &c, &r)))
	want := map[string]string{
		"MessageAttributes.entry.1.Value.StringValue": "mine",
		"MessageAttributes.entry.2.Name":              "traceparent",
		"MessageAttributes.entry.3.Name":              "_datadog",
		"MessageAttributes.entry.3.Value.DataType":    "Binary",
		"MessageAttributes.entry.3.Value.BinaryValue": base64.StdEncoding.EncodeToString(c.dd),
	}
	for k, w := range want {
		if v.Get(k) != w {
			t.Errorf("%s = %q, want %q", k, v.Get(k), w)
		}
	}
	batch := url.Values{"Action": {"PublishBatch"}, "PublishBatchRequestEntries.member.1.Id": {"a"},
		"PublishBatchRequestEntries.member.2.Id": {"b"}}.Encode()
	r = injection{}
	v, _ = url.ParseQuery(string(editSNSBatch([]byte(batch), noDatadog(), &r)))
	for _, m := range []string{"1", "2"} {
		if v.Get("PublishBatchRequestEntries.member."+m+".MessageAttributes.entry.1.Name") != "traceparent" {
			t.Errorf("entry %s: %v", m, v)
		}
	}
}

// Hostile bodies never panic, and what comes out is valid JSON.
func FuzzEditors(f *testing.F) {
	f.Add(`{"MessageBody":"hi","MessageAttributes":{}}`, `{}`)
	f.Add(`{"Entries":[{"Detail":"{\"_datadog\":1}"}]}`, `  `)
	f.Add(`{"Records":[{"Data":"e30="}]}`, `{"a":"\xff"}`)
	f.Fuzz(func(t *testing.T, body, doc string) {
		for _, e := range []editor{editSQSSend, editSQSBatch, editPutEvents, editStartExecution, editPutRecord, editPutRecords} {
			if out := e([]byte(body), testCarriers, &injection{}); out != nil && !json.Valid(out) {
				t.Fatalf("invalid JSON from %q: %s", body, out)
			}
		}
		editSNSPublish([]byte(body), testCarriers, &injection{})
		editSNSBatch([]byte(body), testCarriers, &injection{})
		if out, _ := spliceDatadog([]byte(doc), testCarriers.dd, 1<<20); out != nil && !json.Valid(out) {
			t.Fatalf("splice of %q: %s", doc, out)
		}
	})
}

// A batch whose total would pass the limit gets carriers only while it fits.
func TestBatchTotal(t *testing.T) {
	batch := func(l int) url.Values {
		big := strings.Repeat("x", l)
		return url.Values{"PublishBatchRequestEntries.member.1.Id": {"a"}, "PublishBatchRequestEntries.member.1.Message": {big},
			"PublishBatchRequestEntries.member.2.Id": {"b"}, "PublishBatchRequestEntries.member.2.Message": {big}}
	}
	// What one message's carriers add, as editSNSMessage counts it.
	added := len("traceparent") + len("String") + len(testCarriers.w3c[0][1]) +
		len("_datadog") + len("Binary") + len(base64.StdEncoding.EncodeToString(testCarriers.dd))
	overhead := len(batch(0).Encode())
	v := batch((maxSNSMessage - added*3/2 - overhead) / 2) // room for one message's carriers
	var r injection
	out, _ := url.ParseQuery(string(editSNSBatch([]byte(v.Encode()), testCarriers, &r)))
	if out.Get("PublishBatchRequestEntries.member.1.MessageAttributes.entry.1.Name") != "traceparent" ||
		out.Get("PublishBatchRequestEntries.member.2.MessageAttributes.entry.1.Name") != "" || r.skipped != 1 {
		t.Errorf("skipped %d (%s)", r.skipped, r.reason)
	}
}
