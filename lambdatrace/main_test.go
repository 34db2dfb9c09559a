package lambdatrace_test

import (
	"context"
	"errors"
	"fmt"
	"os"
	"testing"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-lambda-go/lambda"
	"go.opentelemetry.io/otel"

	"github.com/otelxray/otelxray/lambdatrace"
)

// handlerEnv selects, in a subprocess, which handler the test binary runs as
// a Lambda function (instead of running tests).
const handlerEnv = "LAMBDATRACE_TEST_HANDLER"

func TestMain(m *testing.M) {
	if h := os.Getenv(handlerEnv); h != "" {
		runFunction(h) // never returns: lambda.Start exits the process
	}
	os.Exit(m.Run())
}

// workEvent drives the "work" function.
type workEvent struct {
	Children int    `json:"children"`
	LateMs   int    `json:"late_ms"` // a span that ends this long after the handler returned
	SleepMs  int    `json:"sleep_ms"`
	Fail     string `json:"fail"`
	Panic    string `json:"panic"`
	HangMs   int    `json:"hang_ms"` // a span open this long, then one more after it
	// LateFile: a span "late" ends when this file exists, after the handler
	// returned, and the function then writes lateEnded to stderr.
	LateFile string `json:"late_file"`
}

// lateEnded is what the function writes when the LateFile span has ended.
const lateEnded = "the late span has ended"

func work(ctx context.Context, e workEvent) (string, error) {
	tr := otel.Tracer("work")
	for i := range e.Children {
		_, s := tr.Start(ctx, fmt.Sprintf("child-%d", i))
		if e.SleepMs > 0 {
			time.Sleep(time.Duration(e.SleepMs) * time.Millisecond)
		}
		s.End()
	}
	if e.LateMs > 0 {
		_, late := tr.Start(ctx, "late")
		go func() {
			time.Sleep(time.Duration(e.LateMs) * time.Millisecond)
			late.End()
		}()
	}
	if e.LateFile != "" {
		_, late := tr.Start(ctx, "late")
		go func() {
			for stop := time.Now().Add(time.Minute); time.Now().Before(stop); time.Sleep(5 * time.Millisecond) {
				if _, err := os.Stat(e.LateFile); err == nil {
					break
				}
			}
			late.End()
			fmt.Fprintln(os.Stderr, lateEnded)
		}()
	}
	if e.HangMs > 0 {
		_, hang := tr.Start(ctx, "hang")
		time.Sleep(time.Duration(e.HangMs) * time.Millisecond)
		hang.End()
		_, after := tr.Start(ctx, "after-hang")
		after.End()
	}
	if e.Panic != "" {
		panic(e.Panic)
	}
	if e.Fail != "" {
		return "", errors.New(e.Fail)
	}
	return "ok", nil
}

func apiHandler(ctx context.Context, e events.APIGatewayV2HTTPRequest) (events.APIGatewayV2HTTPResponse, error) {
	return events.APIGatewayV2HTTPResponse{StatusCode: 502, Body: "upstream failed"}, nil
}

func sqsHandler(ctx context.Context, e events.SQSEvent) error { return nil }

// marginEnv, in a subprocess, sets the deadline margin (a duration).
const marginEnv = "LAMBDATRACE_TEST_MARGIN"

func runFunction(name string) {
	if d, err := time.ParseDuration(os.Getenv(marginEnv)); err == nil {
		lambdatrace.SetDeadlineMargin(d)
	}
	switch name {
	case "work":
		lambda.Start(lambdatrace.Wrap(work))
	case "api":
		lambda.Start(lambdatrace.Wrap(apiHandler))
	case "sqs":
		lambda.Start(lambdatrace.WrapNoOutput(sqsHandler))
	case "datadog":
		runDatadog()
	}
	fmt.Fprintf(os.Stderr, "unknown handler %q\n", name)
	os.Exit(2)
}
