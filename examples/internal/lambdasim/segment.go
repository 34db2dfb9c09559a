package lambdasim

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/otelxray/otelxray/internal/origin"
	"github.com/otelxray/otelxray/internal/wire"
)

// functionSegment is the segment Lambda sends for an invocation of a
// function with active tracing: the parent of everything the function's
// code sends (its id is the Parent of the function's trace header).
type functionSegment struct {
	Name, ID, TraceID, ParentID string
	Start, End                  time.Time
	ARN, Account                string
	Fault                       bool
}

func (s functionSegment) MarshalJSON() ([]byte, error) {
	type awsObject struct {
		AccountID     string   `json:"account_id"`
		FunctionARN   string   `json:"function_arn"`
		ResourceNames []string `json:"resource_names"`
	}
	return json.Marshal(struct {
		Name        string    `json:"name"`
		ID          string    `json:"id"`
		TraceID     string    `json:"trace_id"`
		ParentID    string    `json:"parent_id,omitempty"`
		StartTime   float64   `json:"start_time"`
		EndTime     float64   `json:"end_time"`
		Origin      string    `json:"origin"`
		ResourceARN string    `json:"resource_arn"`
		Fault       bool      `json:"fault,omitempty"`
		AWS         awsObject `json:"aws"`
	}{
		Name: s.Name, ID: s.ID, TraceID: s.TraceID, ParentID: s.ParentID,
		StartTime: seconds(s.Start), EndTime: seconds(s.End), Origin: origin.LambdaFunction, ResourceARN: s.ARN, Fault: s.Fault,
		AWS: awsObject{AccountID: s.Account, FunctionARN: s.ARN, ResourceNames: []string{s.Name}},
	})
}

// seconds is t in seconds since the epoch, to the microsecond.
func seconds(t time.Time) float64 { return float64(t.UnixMicro()) / 1e6 }

// sendSegment sends a document to the daemon in one datagram, as Lambda
// does.
func (s *Service) sendSegment(doc functionSegment) error {
	b, err := json.Marshal(doc)
	if err != nil {
		return err
	}
	if _, err := s.daemon.Write(append([]byte(wire.Header), b...)); err != nil {
		return fmt.Errorf("lambdasim: sending the segment of %s: %w", doc.Name, err)
	}
	s.segments.Add(1)
	return nil
}
