package awslocal

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"sync"
	"time"

	"github.com/aws/aws-lambda-go/events"
)

// Rule is an EventBridge rule: events on Bus whose source and detail-type
// match go to every target. An empty list matches anything.
type Rule struct {
	Name string
	// Bus is the event bus; empty is "default".
	Bus         string
	Sources     []string
	DetailTypes []string
	Targets     []Target
}

// Target is where a rule sends an event: an SQS queue (the event as the
// message body) or a Lambda function (an asynchronous invocation with an
// events.EventBridgeEvent). As EventBridge does, the event's trace header
// goes along: AWSTraceHeader on the message, the trace the invocation
// continues.
type Target struct {
	Queue  string
	Lambda Invoker
}

type rules struct {
	mu   sync.Mutex
	list []Rule
}

// PutRule adds a rule.
func (s *Server) PutRule(r Rule) error {
	if r.Bus == "" {
		r.Bus = "default"
	}
	for _, t := range r.Targets {
		if (t.Queue == "") == (t.Lambda == nil) {
			return fmt.Errorf("awslocal: rule %q: a target is a queue or a function, not both or neither", r.Name)
		}
	}
	s.rules.mu.Lock()
	defer s.rules.mu.Unlock()
	s.rules.list = append(s.rules.list, r)
	return nil
}

func (r Rule) matches(bus, source, detailType string) bool {
	return r.Bus == bus && (len(r.Sources) == 0 || slices.Contains(r.Sources, source)) &&
		(len(r.DetailTypes) == 0 || slices.Contains(r.DetailTypes, detailType))
}

type putEventsEntry struct {
	Source, DetailType, Detail, EventBusName string
	Resources                                []string
	TraceHeader                              *string
}

type putEventsResult struct {
	EventID   string `json:"EventId,omitempty"`
	ErrorCode string `json:",omitempty"`
	Message   string `json:"ErrorMessage,omitempty"`
}

// putEvents serves EventBridge PutEvents. An entry's trace header is its
// TraceHeader when set, else the request's X-Amzn-Trace-Id; an invalid one
// is dropped and the event still delivered, as EventBridge does ("Amazon
// EventBridge integration with AWS X-Ray",
// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-xray-integ.html).
func (s *Server) putEvents(ctx context.Context, body []byte, requestHeader string) (any, error) {
	var in struct{ Entries []putEventsEntry }
	if err := json.Unmarshal(body, &in); err != nil {
		return nil, err
	}
	if n := len(in.Entries); n == 0 || n > 10 {
		return nil, &apiError{status: http.StatusBadRequest, code: "ValidationException", msg: fmt.Sprintf("PutEvents takes 1 to 10 entries, not %d", n)}
	}
	s.rules.mu.Lock()
	rs := slices.Clone(s.rules.list)
	s.rules.mu.Unlock()
	out := struct {
		FailedEntryCount int
		Entries          []putEventsResult
	}{Entries: []putEventsResult{}}
	for _, e := range in.Entries {
		detail := bytes.TrimSpace([]byte(e.Detail))
		if len(detail) == 0 || detail[0] != '{' || !json.Valid(detail) {
			out.FailedEntryCount++
			out.Entries = append(out.Entries, putEventsResult{ErrorCode: "MalformedDetail", Message: "Detail is malformed."})
			continue
		}
		header := requestHeader
		if e.TraceHeader != nil {
			header = *e.TraceHeader
		}
		if !validTraceHeader(header) {
			header = ""
		}
		bus := e.EventBusName
		if bus == "" {
			bus = "default"
		}
		ev := events.EventBridgeEvent{Version: "0", ID: requestID(), DetailType: e.DetailType, Source: e.Source,
			AccountID: Account, Time: time.Now().UTC().Truncate(time.Second), Region: Region,
			Resources: e.Resources, Detail: json.RawMessage(detail)}
		if ev.Resources == nil {
			ev.Resources = []string{}
		}
		b, err := json.Marshal(ev)
		if err != nil {
			return nil, err
		}
		for _, r := range rs {
			if !r.matches(bus, e.Source, e.DetailType) {
				continue
			}
			for _, t := range r.Targets {
				if t.Queue != "" {
					if err := s.queues.deliver(t.Queue, string(b), header, nil); err != nil {
						return nil, err
					}
				} else if !s.async.enqueue(ctx, t.Lambda, header, b) {
					return nil, &apiError{status: http.StatusServiceUnavailable, code: "ServiceUnavailable", msg: "awslocal is closing"}
				}
			}
		}
		out.Entries = append(out.Entries, putEventsResult{EventID: ev.ID})
	}
	return out, nil
}
