package lambdatest

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/otelxray/otelxray/internal/origin"
	"github.com/otelxray/otelxray/internal/wire"
)

// InvokeOption configures one invocation.
type InvokeOption func(*invokeConfig)

type invokeConfig struct {
	header    string
	setHeader bool
	unsampled bool
}

// WithTraceHeader hands the function this Lambda trace header
// (Root=...;Parent=...;Sampled=...) instead of a new one; "" hands it
// none, as when Lambda's active tracing is off and no caller sent one.
func WithTraceHeader(h string) InvokeOption {
	return func(c *invokeConfig) { c.header, c.setHeader = h, true }
}

// WithoutSampling hands the function a new trace header with Sampled=0, as
// Lambda does for an invocation X-Ray did not sample. By default the header
// says Sampled=1.
func WithoutSampling() InvokeOption { return func(c *invokeConfig) { c.unsampled = true } }

// newHeader makes a trace header as Lambda does: a new trace, the function
// segment's ID as the parent.
func newHeader(sampled bool) (header, traceID, parent string) {
	traceID = fmt.Sprintf("1-%08x-%08x%016x", time.Now().Unix(), rand.Uint32(), rand.Uint64())
	parent = fmt.Sprintf("%016x", rand.Uint64()|1)
	s := "0"
	if sampled {
		s = "1"
	}
	return "Root=" + traceID + ";Parent=" + parent + ";Sampled=" + s, traceID, parent
}

// functionSegment is the segment Lambda itself sends for an invocation of a
// function with active tracing, the parent of what the function sends.
func (h *Harness) functionSegment(traceID, id string, start, end time.Time, fault bool) {
	type awsObject struct {
		AccountID     string   `json:"account_id"`
		FunctionARN   string   `json:"function_arn"`
		ResourceNames []string `json:"resource_names"`
	}
	b, err := json.Marshal(struct {
		Name        string    `json:"name"`
		ID          string    `json:"id"`
		TraceID     string    `json:"trace_id"`
		StartTime   float64   `json:"start_time"`
		EndTime     float64   `json:"end_time"`
		Origin      string    `json:"origin"`
		ResourceARN string    `json:"resource_arn"`
		Fault       bool      `json:"fault,omitempty"`
		AWS         awsObject `json:"aws"`
	}{
		Name: h.cfg.name, ID: id, TraceID: traceID, StartTime: seconds(start), EndTime: seconds(end),
		Origin: origin.LambdaFunction, ResourceARN: h.FunctionARN(), Fault: fault,
		AWS: awsObject{AccountID: DefaultAccount, FunctionARN: h.FunctionARN(), ResourceNames: []string{h.cfg.name}},
	})
	if err != nil {
		return
	}
	h.xray.Receive(append([]byte(wire.Header), b...))
}

func seconds(t time.Time) float64 { return float64(t.UnixMicro()) / 1e6 }
