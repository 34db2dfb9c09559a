package clienttest

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
	"go.opentelemetry.io/otel/propagation"

	"github.com/otelxray/otelxray/awssdk"
)

const (
	lambdaRoot   = "1-5759e988-bd862e3fe1be46a994272793"
	lambdaParent = "53995c3f42cd8ad8"
	lineage      = "a87bd80c:0"
)

// withLambdaHeader puts an invocation's trace header in ctx the way
// aws-lambda-go does: under the plain string key "x-amzn-trace-id".
func withLambdaHeader(ctx context.Context, header string) context.Context {
	//lint:ignore SA1029 aws-lambda-go's key is a plain string
	return context.WithValue(ctx, "x-amzn-trace-id", header)
}

// TestTraceHeader checks the X-Amzn-Trace-Id header the fake server
// receives on every attempt, and the parent of the call's subsegment.
func TestTraceHeader(t *testing.T) {
	tests := []struct {
		name string
		// lambdaHeader is put in the context; withRoot adds the handler's span.
		lambdaHeader string
		withRoot     bool
		replies      []reply
		wantLineage  string
		wantSampled  string
	}{
		{"under a span, Lineage from the invocation", "Root=" + lambdaRoot + ";Parent=" + lambdaParent + ";Sampled=1;Lineage=" + lineage,
			true, nil, lineage, "1"},
		{"no span: the invocation is the parent", "Root=" + lambdaRoot + ";Parent=" + lambdaParent + ";Sampled=1;Lineage=" + lineage,
			false, nil, lineage, "1"},
		{"every attempt carries it", "Root=" + lambdaRoot + ";Parent=" + lambdaParent + ";Sampled=1;Lineage=" + lineage,
			false, []reply{awsJSONError(500, "InternalServerError", "again"), awsJSONError(503, "ServiceUnavailable", "again")},
			lineage, "1"},
		{"a Lineage unsafe for a header is dropped", "Root=" + lambdaRoot + ";Parent=" + lambdaParent + ";Sampled=1;Lineage=a b\r\nX-Evil: 1",
			true, nil, "", "1"},
		{"no invocation header, no Lineage", "", true, nil, "", "1"},
		{"PassThrough (a Root, no Parent) sends nothing and keeps the Root", "Root=" + lambdaRoot + ";Lineage=" + lineage,
			false, nil, lineage, "0"},
		{"an unsampled invocation propagates Sampled=0 and sends nothing",
			"Root=" + lambdaRoot + ";Parent=" + lambdaParent + ";Sampled=0;Lineage=" + lineage, false, nil, lineage, "0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOptions{lambda: !tt.withRoot})
			h.aws.then(tt.replies...)
			ctx := context.Background()
			if tt.lambdaHeader != "" {
				ctx = withLambdaHeader(ctx, tt.lambdaHeader)
			}
			var o outcome
			switch {
			case tt.withRoot:
				o = h.run(1, func(rctx context.Context) error {
					if tt.lambdaHeader != "" {
						rctx = withLambdaHeader(rctx, tt.lambdaHeader)
					}
					return getItem(rctx, h.cfg)
				})
			case tt.wantSampled == "0":
				if err := getItem(ctx, h.cfg); err != nil {
					t.Fatal(err)
				}
				if gs := h.daemon.Quiet(100 * time.Millisecond); len(gs) != 0 {
					t.Fatalf("an unsampled call was sent: %s", gs[0].Raw)
				}
			default:
				o = h.collect(1, getItem(ctx, h.cfg))
			}
			if o.err != nil {
				t.Fatal(o.err)
			}

			reqs := h.aws.requests()
			if len(reqs) != len(tt.replies)+1 {
				t.Fatalf("%d requests, want %d", len(reqs), len(tt.replies)+1)
			}
			for i, r := range reqs {
				hdr := traceHeaderOf(r)
				if hdr["Lineage"] != tt.wantLineage || hdr["Sampled"] != tt.wantSampled {
					t.Errorf("attempt %d: X-Amzn-Trace-Id = %q, want Lineage=%q Sampled=%s", i+1,
						r.Header.Get("X-Amzn-Trace-Id"), tt.wantLineage, tt.wantSampled)
				}
				if strings.ContainsAny(r.Header.Get("X-Amzn-Trace-Id"), " \r\n") {
					t.Errorf("attempt %d: header %q", i+1, r.Header.Get("X-Amzn-Trace-Id"))
				}
				if r.Header.Get("X-Evil") != "" {
					t.Errorf("attempt %d: a header was injected", i+1)
				}
				if tt.wantSampled == "0" {
					if hdr["Root"] != lambdaRoot {
						t.Errorf("attempt %d: Root = %q, want the invocation's %q", i+1, hdr["Root"], lambdaRoot)
					}
					continue
				}
				doc := o.call(t)
				if hdr["Root"] != doc["trace_id"] || hdr["Parent"] != doc["id"] {
					t.Errorf("attempt %d: header %q does not name the call's subsegment %s %s", i+1,
						r.Header.Get("X-Amzn-Trace-Id"), doc["trace_id"], doc["id"])
				}
			}
			if tt.wantSampled == "0" {
				return
			}
			doc := o.call(t)
			if tt.withRoot {
				checkDoc(t, doc, map[string]any{"parent_id": o.root["id"], "trace_id": o.root["trace_id"]})
			} else {
				checkDoc(t, doc, map[string]any{"type": "subsegment", "parent_id": lambdaParent, "trace_id": lambdaRoot,
					"aws.retries": len(tt.replies)})
			}
		})
	}
}

// TestTraceHeaderFromEnvironment: without the context value, in Lambda,
// _X_AMZN_TRACE_ID (which the SDK also copies into the header) gives the
// Lineage, and the parent when the context has no span.
func TestTraceHeaderFromEnvironment(t *testing.T) {
	t.Setenv("AWS_LAMBDA_FUNCTION_NAME", "orders")
	t.Setenv("_X_AMZN_TRACE_ID", "Root="+lambdaRoot+";Parent="+lambdaParent+";Sampled=1;Lineage="+lineage)
	for _, underSpan := range []bool{true, false} {
		h := newHarness(t, harnessOptions{lambda: !underSpan})
		var o outcome
		if underSpan {
			o = h.run(1, func(ctx context.Context) error { return getItem(ctx, h.cfg) })
		} else {
			o = h.collect(1, getItem(context.Background(), h.cfg))
		}
		if o.err != nil {
			t.Fatal(o.err)
		}
		doc := o.call(t)
		hdr := traceHeaderOf(h.aws.requests()[0])
		if hdr["Lineage"] != lineage || hdr["Parent"] != doc["id"] || hdr["Root"] != doc["trace_id"] {
			t.Errorf("under a span %v: X-Amzn-Trace-Id = %v, want Lineage %s and the call's subsegment %s",
				underSpan, hdr, lineage, doc["id"])
		}
		if !underSpan {
			checkDoc(t, doc, map[string]any{"type": "subsegment", "trace_id": lambdaRoot, "parent_id": lambdaParent})
		}
	}
}

func TestPropagatorHeaders(t *testing.T) {
	h := newHarness(t, harnessOptions{opts: []awssdk.Option{awssdk.WithPropagator(propagation.TraceContext{})}})
	o := h.run(1, func(ctx context.Context) error { return getItem(ctx, h.cfg) })
	if o.err != nil {
		t.Fatal(o.err)
	}
	r := h.aws.requests()[0]
	tp := r.Header.Get("traceparent")
	doc := o.call(t)
	if !strings.Contains(tp, doc["id"].(string)) {
		t.Errorf("traceparent = %q, want the call's span %s", tp, doc["id"])
	}
	if traceHeaderOf(r)["Parent"] != doc["id"] {
		t.Errorf("X-Amzn-Trace-Id = %q, want it as well", r.Header.Get("X-Amzn-Trace-Id"))
	}
}

// sqsSystemAttributes decodes the MessageSystemAttributes the fake SQS got:
// one map for SendMessage, one per entry for SendMessageBatch.
func sqsSystemAttributes(t *testing.T, r request) []map[string]string {
	t.Helper()
	type attrs map[string]struct{ StringValue, DataType string }
	var body struct {
		MessageSystemAttributes attrs
		Entries                 []struct{ MessageSystemAttributes attrs }
	}
	if err := json.Unmarshal(r.Body, &body); err != nil {
		t.Fatal(err)
	}
	flat := func(a attrs) map[string]string {
		m := map[string]string{}
		for k, v := range a {
			if v.DataType != "String" {
				t.Errorf("%s has DataType %q", k, v.DataType)
			}
			m[k] = v.StringValue
		}
		return m
	}
	if r.Op == "SendMessage" {
		return []map[string]string{flat(body.MessageSystemAttributes)}
	}
	var out []map[string]string
	for _, e := range body.Entries {
		out = append(out, flat(e.MessageSystemAttributes))
	}
	return out
}

// TestSQSTraceHeader checks what SQS makes of a send: the X-Amzn-Trace-Id
// header on the wire names the call's span and keeps the Lineage; a message
// without its own AWSTraceHeader attribute reaches the fake SQS without one
// (SQS then takes the header: see awssdk's header.go), the caller's own is
// sent as it is, and the caller's input is left as it was.
func TestSQSTraceHeader(t *testing.T) {
	own := map[string]sqstypes.MessageSystemAttributeValue{
		"AWSTraceHeader": {DataType: aws.String("String"), StringValue: aws.String("Root=1-00000000-000000000000000000000001;Parent=0000000000000001;Sampled=1")},
	}
	tests := []struct {
		name string
		call func(ctx context.Context, c *sqs.Client) (check func(t *testing.T), err error)
		// want per message: "ours" (no attribute: SQS takes the header) or
		// the caller's value
		want []string
	}{
		{"SendMessage", func(ctx context.Context, c *sqs.Client) (func(*testing.T), error) {
			in := &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String(messageSecret)}
			_, err := c.SendMessage(ctx, in)
			return func(t *testing.T) {
				if in.MessageSystemAttributes != nil {
					t.Errorf("the caller's input was modified: %v", in.MessageSystemAttributes)
				}
			}, err
		}, []string{"ours"}},
		{"SendMessage with the caller's own header", func(ctx context.Context, c *sqs.Client) (func(*testing.T), error) {
			_, err := c.SendMessage(ctx, &sqs.SendMessageInput{QueueUrl: aws.String(queueURL), MessageBody: aws.String(messageSecret),
				MessageSystemAttributes: own})
			return func(*testing.T) {}, err
		}, []string{*own["AWSTraceHeader"].StringValue}},
		{"SendMessageBatch", func(ctx context.Context, c *sqs.Client) (func(*testing.T), error) {
			in := &sqs.SendMessageBatchInput{QueueUrl: aws.String(queueURL), Entries: []sqstypes.SendMessageBatchRequestEntry{
				{Id: aws.String("a"), MessageBody: aws.String(messageSecret)},
				{Id: aws.String("b"), MessageBody: aws.String(messageSecret), MessageSystemAttributes: own},
				{Id: aws.String("c"), MessageBody: aws.String(messageSecret)},
			}}
			_, err := c.SendMessageBatch(ctx, in)
			return func(t *testing.T) {
				if in.Entries[0].MessageSystemAttributes != nil || in.Entries[2].MessageSystemAttributes != nil || len(own) != 1 {
					t.Errorf("the caller's input was modified: %+v", in.Entries)
				}
			}, err
		}, []string{"ours", *own["AWSTraceHeader"].StringValue, "ours"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			h := newHarness(t, harnessOptions{})
			var check func(*testing.T)
			o := h.run(1, func(ctx context.Context) error {
				ctx = withLambdaHeader(ctx, "Root="+lambdaRoot+";Parent="+lambdaParent+";Sampled=1;Lineage="+lineage)
				var err error
				check, err = tt.call(ctx, sqs.NewFromConfig(h.cfg))
				return err
			})
			if o.err != nil {
				t.Fatal(o.err)
			}
			check(t)
			r := h.aws.requests()[0]
			ours := r.Header.Get("X-Amzn-Trace-Id")
			doc := o.call(t)
			if !strings.Contains(ours, "Parent="+doc["id"].(string)) || !strings.HasSuffix(ours, ";Lineage="+lineage) {
				t.Fatalf("X-Amzn-Trace-Id = %q, want the call's span and the Lineage", ours)
			}
			got := sqsSystemAttributes(t, r)
			if len(got) != len(tt.want) {
				t.Fatalf("%d messages, want %d", len(got), len(tt.want))
			}
			for i, w := range tt.want {
				attr, set := got[i]["AWSTraceHeader"]
				switch {
				case w == "ours" && set:
					t.Errorf("message %d: AWSTraceHeader = %q sent, want none: SQS takes X-Amzn-Trace-Id %q", i, attr, ours)
				case w != "ours" && attr != w:
					t.Errorf("message %d: AWSTraceHeader = %q, want the caller's %q", i, attr, w)
				}
			}
		})
	}
}
