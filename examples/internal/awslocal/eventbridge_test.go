package awslocal_test

import (
	"context"
	"encoding/json"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/eventbridge"
	ebtypes "github.com/aws/aws-sdk-go-v2/service/eventbridge/types"
	"github.com/aws/aws-sdk-go-v2/service/sqs"

	"github.com/otelxray/otelxray/examples/internal/awslocal"
)

// TestEventBridge: rules match source and detail-type; a function target
// continues the call's trace, a queue target gets it as AWSTraceHeader, and
// both consumers link to the PutEvents through detail._datadog. An entry
// whose TraceHeader is not valid is delivered with no trace header (its
// consumer starts a trace of its own), still linked through _datadog.
func TestEventBridge(t *testing.T) {
	s, err := awslocal.Start(awslocal.WithQueue("stock"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = s.Close() })
	invoke, got := recorder()
	rules := []awslocal.Rule{
		{Name: "to-both", Sources: []string{"catalog.pricing"}, DetailTypes: []string{"PriceCalculated"},
			Targets: []awslocal.Target{{Lambda: invoke}, {Queue: "stock"}}},
		{Name: "other-bus", Bus: "elsewhere", Targets: []awslocal.Target{{Queue: "stock"}}},
	}
	for _, r := range rules {
		if err := s.PutRule(r); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.PutRule(awslocal.Rule{Name: "bad", Targets: []awslocal.Target{{}}}); err == nil {
		t.Error("PutRule took a target with neither queue nor function")
	}
	cfg, ctx, rec := traced(t, s, true)
	client := eventbridge.NewFromConfig(cfg)
	out, err := client.PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
		{Source: aws.String("catalog.pricing"), DetailType: aws.String("PriceCalculated"), Detail: aws.String(`{"id":"p-1"}`)},
		{Source: aws.String("catalog.pricing"), DetailType: aws.String("Other"), Detail: aws.String(`{}`)},
		{Source: aws.String("catalog.pricing"), DetailType: aws.String("PriceCalculated"), Detail: aws.String(`not json`)},
	}})
	if err != nil || out.FailedEntryCount != 1 || len(out.Entries) != 3 || aws.ToString(out.Entries[2].ErrorCode) != "MalformedDetail" {
		t.Fatalf("PutEvents = %+v, %v; want the third entry failed", out, err)
	}
	call := callSpan(t, rec, "EventBridge.PutEvents")

	inv := next(t, got)
	wantParent(t, "lambda", inv.header, call)
	var e events.EventBridgeEvent
	if err := json.Unmarshal(inv.event, &e); err != nil || e.Source != "catalog.pricing" || e.DetailType != "PriceCalculated" {
		t.Fatalf("event %s: %v", inv.event, err)
	}
	wantLink(t, "lambda", inv.event, call)

	url := s.QueueURL("stock")
	m, err := sqs.NewFromConfig(s.Config()).ReceiveMessage(context.Background(), &sqs.ReceiveMessageInput{QueueUrl: &url,
		MaxNumberOfMessages: 10, MessageSystemAttributeNames: []sqstypesName{"All"}})
	if err != nil || len(m.Messages) != 1 {
		t.Fatalf("ReceiveMessage = %v, %v; want the one matching event", m, err)
	}
	wantParent(t, "queue", m.Messages[0].Attributes["AWSTraceHeader"], call)
	wantLink(t, "queue", sqsEvent(m.Messages[0]), call)

	// Detached: an invalid TraceHeader is dropped; _datadog still links.
	cfg, ctx, rec = traced(t, s, true)
	_, err = eventbridge.NewFromConfig(cfg).PutEvents(ctx, &eventbridge.PutEventsInput{Entries: []ebtypes.PutEventsRequestEntry{
		{Source: aws.String("catalog.pricing"), DetailType: aws.String("PriceCalculated"), Detail: aws.String(`{}`), TraceHeader: aws.String("")}}})
	if err != nil {
		t.Fatal(err)
	}
	inv = next(t, got)
	if inv.header != "" {
		t.Errorf("detached entry: trace header %q, want none", inv.header)
	}
	wantLink(t, "detached", inv.event, callSpan(t, rec, "EventBridge.PutEvents"))
}
