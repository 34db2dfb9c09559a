package awslocal_test

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// TestSQSTraceHeaderFromRequest: as SQS does, a message sent without the
// AWSTraceHeader system attribute gets the request's X-Amzn-Trace-Id; the
// attribute, when set, wins.
func TestSQSTraceHeaderFromRequest(t *testing.T) {
	const (
		fromHeader = "Root=1-5759e988-bd862e3fe1be46a994272793;Parent=53995c3f42cd8ad8;Sampled=1"
		fromAttr   = "Root=1-5759e988-00000000000000000000000a;Parent=000000000000000b;Sampled=1"
	)
	tests := []struct {
		name, header string
		attr         bool
		want         string // "" for no AWSTraceHeader
	}{
		{"the header", fromHeader, false, fromHeader},
		{"the attribute wins", fromHeader, true, fromAttr},
		{"the attribute alone", "", true, fromAttr},
		{"neither", "", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := start(t)
			url := s.QueueURL("changes")
			body := `{"QueueUrl":"` + url + `","MessageBody":"m"`
			if tt.attr {
				body += `,"MessageSystemAttributes":{"AWSTraceHeader":{"DataType":"String","StringValue":"` + fromAttr + `"}}`
			}
			req, err := http.NewRequest(http.MethodPost, s.URL()+"/", strings.NewReader(body+"}"))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Content-Type", "application/x-amz-json-1.0")
			req.Header.Set("X-Amz-Target", "AmazonSQS.SendMessage")
			if tt.header != "" {
				req.Header.Set("X-Amzn-Trace-Id", tt.header)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("SendMessage: HTTP %d", resp.StatusCode)
			}

			out, err := sqs.NewFromConfig(s.Config()).ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url,
				MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAWSTraceHeader}})
			if err != nil || len(out.Messages) != 1 {
				t.Fatalf("ReceiveMessage = %+v, %v; want 1 message", out, err)
			}
			got, ok := out.Messages[0].Attributes["AWSTraceHeader"]
			if got != tt.want || ok != (tt.want != "") {
				t.Errorf("AWSTraceHeader = %q (present %v), want %q", got, ok, tt.want)
			}
		})
	}
}
