package clienttest

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
)

// fakeAWS is a local stand-in for AWS service endpoints. It tells the
// protocols apart the way AWS does: JSON 1.0 with X-Amz-Target (DynamoDB,
// SQS), the query protocol with an Action form field (SNS, STS), REST JSON
// under /2015-03-31/functions/ (Lambda), and REST XML otherwise (S3, path
// style). It records every request and answers each with the next scripted
// reply, or else a plausible success.
type fakeAWS struct {
	*httptest.Server
	t *testing.T

	mu      sync.Mutex
	seen    []request
	script  []reply
	arrived chan struct{} // gets a value per request
}

// request is one request as the fake server saw it.
type request struct {
	Method, Path string
	Header       http.Header
	Body         []byte
	Service, Op  string     // DynamoDB/GetItem, SQS/SendMessage, SNS/Publish, Lambda/Invoke, S3/PUT ...
	Form         url.Values // query protocol
}

// reply is one scripted answer; the zero reply means "the default success".
type reply struct {
	status int
	header map[string]string
	body   string
	// hang holds the response until the client goes away.
	hang bool
}

func newFakeAWS(t *testing.T) *fakeAWS {
	f := &fakeAWS{t: t, arrived: make(chan struct{}, 64)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

// then scripts the replies of the next requests, in order.
func (f *fakeAWS) then(rs ...reply) *fakeAWS {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.script = append(f.script, rs...)
	return f
}

// requests returns what the server received so far.
func (f *fakeAWS) requests() []request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]request(nil), f.seen...)
}

func (f *fakeAWS) serve(w http.ResponseWriter, r *http.Request) {
	body, _ := io.ReadAll(r.Body)
	req := request{Method: r.Method, Path: r.URL.Path, Header: r.Header.Clone(), Body: body}
	switch target := r.Header.Get("X-Amz-Target"); {
	case target != "":
		prefix, op, _ := strings.Cut(target, ".")
		req.Service, req.Op = map[string]string{"DynamoDB_20120810": "DynamoDB", "AmazonSQS": "SQS"}[prefix], op
	case strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded"):
		req.Form, _ = url.ParseQuery(string(body))
		req.Op = req.Form.Get("Action")
		req.Service = map[string]string{"2010-03-31": "SNS", "2011-06-15": "STS"}[req.Form.Get("Version")]
	case strings.HasPrefix(r.URL.Path, "/2015-03-31/functions/"):
		req.Service, req.Op = "Lambda", "Invoke"
	default:
		req.Service, req.Op = "S3", r.Method
	}

	f.mu.Lock()
	n := len(f.seen)
	f.seen = append(f.seen, req)
	var rep reply
	if len(f.script) > 0 {
		rep, f.script = f.script[0], f.script[1:]
	}
	f.mu.Unlock()
	f.arrived <- struct{}{}

	if rep.hang {
		<-r.Context().Done()
		return
	}
	if rep.status == 0 {
		rep = f.success(req)
	}
	requestID := "req-" + strconv.Itoa(n)
	if req.Service == "S3" {
		w.Header().Set("x-amz-request-id", requestID)
		w.Header().Set("x-amz-id-2", "host-"+requestID)
	} else {
		w.Header().Set("x-amzn-RequestId", requestID)
	}
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Length", strconv.Itoa(len(rep.body)))
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

// Values that must never reach a document.
const (
	itemSecret    = "s3cr3t-item-value"
	messageSecret = "s3cr3t-message-body"
	objectSecret  = "s3cr3t-object-body"
	payloadSecret = "s3cr3t-lambda-payload"
)

// success is the default answer to each operation the tests use.
func (f *fakeAWS) success(req request) reply {
	jsonReply := func(body string) reply {
		return reply{status: 200, header: map[string]string{"Content-Type": "application/x-amz-json-1.0"}, body: body}
	}
	xmlReply := func(body string) reply {
		return reply{status: 200, header: map[string]string{"Content-Type": "text/xml"}, body: body}
	}
	var in map[string]any
	_ = json.Unmarshal(req.Body, &in)
	switch req.Service + "/" + req.Op {
	case "DynamoDB/GetItem":
		return jsonReply(`{"Item":{"id":{"S":"1"},"card":{"S":"` + itemSecret + `"}},` +
			`"ConsumedCapacity":{"TableName":"orders","CapacityUnits":0.5}}`)
	case "DynamoDB/Query":
		return jsonReply(`{"Items":[{"id":{"S":"1"}},{"id":{"S":"` + itemSecret + `"}}],"Count":2,"ScannedCount":5,` +
			`"ConsumedCapacity":{"TableName":"orders","CapacityUnits":1.5}}`)
	case "DynamoDB/BatchGetItem":
		return jsonReply(`{"Responses":{"orders":[{"id":{"S":"` + itemSecret + `"}}],"customers":[]},"UnprocessedKeys":{},` +
			`"ConsumedCapacity":[{"TableName":"orders","CapacityUnits":1},{"TableName":"customers","CapacityUnits":2}]}`)
	case "DynamoDB/BatchWriteItem":
		return jsonReply(`{"UnprocessedItems":{},"ItemCollectionMetrics":{"orders":[{"ItemCollectionKey":{"id":{"S":"` +
			itemSecret + `"}},"SizeEstimateRangeGB":[0,1]}]},"ConsumedCapacity":[{"TableName":"orders","CapacityUnits":2}]}`)
	case "SQS/SendMessage":
		return jsonReply(fmt.Sprintf(`{"MessageId":"msg-1","MD5OfMessageBody":%q}`, md5Hex(str(in["MessageBody"]))))
	case "SQS/SendMessageBatch":
		var ok []string
		entries, _ := in["Entries"].([]any)
		for i, e := range entries {
			e, _ := e.(map[string]any)
			ok = append(ok, fmt.Sprintf(`{"Id":%q,"MessageId":"msg-%d","MD5OfMessageBody":%q}`,
				str(e["Id"]), i, md5Hex(str(e["MessageBody"]))))
		}
		return jsonReply(`{"Successful":[` + strings.Join(ok, ",") + `],"Failed":[]}`)
	case "SQS/ReceiveMessage":
		return jsonReply(fmt.Sprintf(`{"Messages":[{"MessageId":"m1","ReceiptHandle":"r1","Body":%q,"MD5OfBody":%q}]}`,
			messageSecret, md5Hex(messageSecret)))
	case "SNS/Publish":
		return xmlReply(`<PublishResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishResult>` +
			`<MessageId>sns-msg-1</MessageId></PublishResult><ResponseMetadata><RequestId>ignored</RequestId>` +
			`</ResponseMetadata></PublishResponse>`)
	case "SNS/PublishBatch":
		return xmlReply(`<PublishBatchResponse xmlns="http://sns.amazonaws.com/doc/2010-03-31/"><PublishBatchResult>` +
			`<Successful><member><Id>a</Id><MessageId>m1</MessageId></member><member><Id>b</Id><MessageId>m2</MessageId></member>` +
			`</Successful><Failed/></PublishBatchResult></PublishBatchResponse>`)
	case "STS/GetCallerIdentity":
		return xmlReply(`<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>` +
			`<Arn>arn:aws:iam::123456789012:user/test</Arn><UserId>AIDA</UserId><Account>123456789012</Account>` +
			`</GetCallerIdentityResult></GetCallerIdentityResponse>`)
	case "Lambda/Invoke":
		return reply{status: 200, header: map[string]string{"Content-Type": "application/json",
			"X-Amz-Executed-Version": "$LATEST", "X-Amz-Function-Error": "Unhandled"},
			body: `{"errorMessage":"` + payloadSecret + `"}`}
	case "S3/GET":
		return reply{status: 200, header: map[string]string{"Content-Type": "text/plain", "ETag": `"e1"`}, body: objectSecret}
	case "S3/PUT":
		return reply{status: 200, header: map[string]string{"ETag": `"e1"`}}
	}
	if req.Service == "DynamoDB" || req.Service == "SQS" {
		return jsonReply(`{}`)
	}
	return reply{status: 200}
}

// awsJSONError is a JSON 1.0 error (DynamoDB, SQS).
func awsJSONError(status int, code, message string) reply {
	return reply{status: status, header: map[string]string{"Content-Type": "application/x-amz-json-1.0"},
		body: fmt.Sprintf(`{"__type":"com.amazonaws.dynamodb.v20120810#%s","message":%q}`, code, message)}
}

// queryError is a query protocol error (SNS, STS).
func queryError(status int, code, message string) reply {
	return reply{status: status, header: map[string]string{"Content-Type": "text/xml"},
		body: fmt.Sprintf(`<ErrorResponse><Error><Type>Sender</Type><Code>%s</Code><Message>%s</Message></Error>`+
			`<RequestId>ignored</RequestId></ErrorResponse>`, code, message)}
}

// s3Error is a REST XML error (S3).
func s3Error(status int, code, message string) reply {
	return reply{status: status, header: map[string]string{"Content-Type": "application/xml"},
		body: fmt.Sprintf(`<Error><Code>%s</Code><Message>%s</Message><RequestId>ignored</RequestId></Error>`, code, message)}
}

func md5Hex(s string) string {
	sum := md5.Sum([]byte(s))
	return hex.EncodeToString(sum[:])
}

func str(v any) string {
	s, _ := v.(string)
	return s
}
