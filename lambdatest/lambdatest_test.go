package lambdatest_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"github.com/aws/aws-lambda-go/events"
	"go.opentelemetry.io/contrib/propagators/aws/xray"
	sdktrace "go.opentelemetry.io/otel/sdk/trace"
	"go.opentelemetry.io/otel/trace"

	"github.com/otelxray/otelxray/exporter/datadog"
	"github.com/otelxray/otelxray/exporter/xrayudp"
	"github.com/otelxray/otelxray/lambdatest"
	"github.com/otelxray/otelxray/lambdatrace"
)

type order struct {
	Item string `json:"item"`
}

// work is a handler that records one child span, and fails or panics on
// request.
func work(ctx context.Context, o order) (string, error) {
	_, span := trace.SpanFromContext(ctx).TracerProvider().Tracer("test").Start(ctx, "reserve "+o.Item)
	defer span.End()
	switch o.Item {
	case "error":
		return "", errors.New("out of stock")
	case "panic":
		panic("the shelf fell")
	}
	return "reserved " + o.Item, nil
}

// modes runs each test with the real aws-lambda-go loop and in-process.
var modes = []struct {
	name string
	run  func(*lambdatest.Harness, any) *lambdatest.Function
}{
	{"loop", (*lambdatest.Harness).Start},
	{"direct", (*lambdatest.Harness).Direct},
}

func TestInvoke(t *testing.T) {
	for _, m := range modes {
		t.Run(m.name, func(t *testing.T) {
			h := lambdatest.New(t, lambdatest.WithFunctionName("shop"))
			f := m.run(h, lambdatrace.Wrap(work, lambdatrace.WithoutGlobals()))
			inv := f.Invoke(t, order{Item: "tea"})
			inv.NoError(t)
			if string(inv.Response) != `"reserved tea"` || inv.RequestID == "" {
				t.Errorf("response %s, request %q", inv.Response, inv.RequestID)
			}
			inv.OneTrace(t)
			inv.HasSubsegment(t, "reserve tea")
			inv.NoInvalidDocuments(t)
			if root := inv.Trace(t).Roots[0]; root.Name != "shop" || root.Origin != "AWS::Lambda::Function" {
				t.Errorf("root %s (%s), want the function segment", root.Name, root.Origin)
			}

			unsampled := f.Invoke(t, order{Item: "tea"}, lambdatest.WithoutSampling())
			unsampled.NoXRayDocuments(t)
			if !strings.HasSuffix(unsampled.Header, "Sampled=0") {
				t.Errorf("header %q, want Sampled=0", unsampled.Header)
			}

			failed := f.Invoke(t, order{Item: "error"})
			if failed.Err == nil || !strings.Contains(failed.Err.Error(), "out of stock") {
				t.Errorf("Err = %v, want out of stock", failed.Err)
			}
			failed.OneTrace(t)
			failed.HasSubsegment(t, "shop", lambdatest.Fault())

			panicked := f.Invoke(t, order{Item: "panic"})
			if panicked.Err == nil || !strings.Contains(panicked.Err.Error(), "the shelf fell") {
				t.Errorf("Err = %v, want the panic", panicked.Err)
			}
			// The loop goes on after a panic.
			f.Invoke(t, order{Item: "tea"}).NoError(t)
		})
	}
}

// TestLinkedThroughEvents: a consumer invoked with an event built from a
// producer's invocation links to the producer, for each carrier.
func TestLinkedThroughEvents(t *testing.T) {
	h1 := lambdatest.New(t, lambdatest.WithFunctionName("producer"))
	producer := h1.Direct(lambdatrace.Wrap(work, lambdatrace.WithoutGlobals()))
	prod := producer.Invoke(t, order{Item: "tea"})

	h2 := lambdatest.New(t, lambdatest.WithFunctionName("consumer"))
	consume := func(context.Context, any) (string, error) { return "ok", nil }
	consumer := h2.Direct(lambdatrace.Wrap(consume, lambdatrace.WithoutGlobals()))
	eb, err := lambdatest.EventBridgeEvent(prod.SpanContext(), "OrderPlaced", map[string]string{"item": "tea"})
	if err != nil {
		t.Fatal(err)
	}
	for name, ev := range map[string]any{
		"sqs":         lambdatest.SQSEvent(prod.SpanContext(), `{"item":"tea"}`),
		"sns":         lambdatest.SNSEvent(prod.SpanContext(), `{"item":"tea"}`),
		"eventbridge": eb,
	} {
		t.Run(name, func(t *testing.T) {
			inv := consumer.Invoke(t, ev)
			inv.NoError(t)
			inv.OneTrace(t)
			inv.LinkedTo(t, prod)
		})
	}
	if _, err := lambdatest.EventBridgeEvent(prod.SpanContext(), "x", []int{1}); err == nil {
		t.Error("EventBridgeEvent took a detail that is not an object")
	}
}

// ddHandler wraps work with a provider that exports to X-Ray and Datadog,
// pointed at the harness by the variables it set.
func ddHandler(t *testing.T) func(context.Context, order) (string, error) {
	xr, err := xrayudp.New(xrayudp.WithLambda(true))
	if err != nil {
		t.Fatal(err)
	}
	dd, err := datadog.New()
	if err != nil {
		t.Fatal(err)
	}
	tp := sdktrace.NewTracerProvider(sdktrace.WithSyncer(xr), sdktrace.WithSyncer(dd),
		sdktrace.WithIDGenerator(xray.NewIDGenerator()), sdktrace.WithResource(lambdatrace.Resource(context.Background())))
	t.Cleanup(func() { _ = tp.Shutdown(context.Background()) })
	return lambdatrace.Wrap(work, lambdatrace.WithTracerProvider(tp))
}

func TestDatadog(t *testing.T) {
	h := lambdatest.New(t)
	f := h.Start(ddHandler(t))
	inv := f.Invoke(t, order{Item: "tea"})
	inv.OneTrace(t)
	inv.HasDatadogSpan(t, "reserve tea")
	if tr := inv.Datadog(t); tr.XRayTraceID() != inv.TraceID {
		t.Errorf("Datadog trace %s, want %s", tr.XRayTraceID(), inv.TraceID)
	}
	consumer := h.Direct(lambdatrace.Wrap(func(context.Context, events.SQSEvent) (string, error) { return "", nil },
		lambdatrace.WithoutGlobals()))
	consumer.Invoke(t, lambdatest.SQSEvent(inv.SpanContext(), "m")).LinkedTo(t, inv)
	if !strings.Contains(inv.Tree(), "datadog trace "+inv.TraceID) {
		t.Errorf("tree lacks the Datadog trace:\n%s", inv.Tree())
	}
}

// recorder is a testing.TB that keeps what the assertions report.
type recorder struct {
	testing.TB
	errs []string
}

func (r *recorder) Helper() {}
func (r *recorder) Errorf(format string, args ...any) {
	r.errs = append(r.errs, fmt.Sprintf(format, args...))
}

// TestFailureMessages: each assertion, when it fails, says what is wrong
// and prints the trees.
func TestFailureMessages(t *testing.T) {
	h := lambdatest.New(t, lambdatest.WithoutDatadog())
	f := h.Direct(lambdatrace.Wrap(work, lambdatrace.WithoutGlobals()))
	sampled := f.Invoke(t, order{Item: "tea"})
	unsampled := f.Invoke(t, order{Item: "tea"}, lambdatest.WithoutSampling())
	failed := f.Invoke(t, order{Item: "error"})
	untraced := h.Direct(work).Invoke(t, order{Item: "tea"})
	tests := []struct {
		name  string
		check func(lambdatest.TB)
		want  []string
	}{
		{"one trace of nothing", unsampled.OneTrace, []string{"is not one trace", "nothing reached"}},
		{"untraced function", untraced.OneTrace, []string{"the function sent nothing", "WithoutGlobals"}},
		{"linked", func(tb lambdatest.TB) { sampled.LinkedTo(tb, failed) }, []string{"not linked", "no X-Ray document", "the other invocation:", "X-Ray trace " + failed.TraceID}},
		{"subsegment", func(tb lambdatest.TB) { sampled.HasSubsegment(tb, "DynamoDB", lambdatest.Table("orders")) }, []string{`no subsegment "DynamoDB" table orders`, "reserve tea"}},
		{"no error", failed.NoError, []string{"failed: out of stock"}},
		{"no x-ray", sampled.NoXRayDocuments, []string{"datagram(s) reached xraylocal"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &recorder{TB: t}
			tt.check(r)
			got := strings.Join(r.errs, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("failure lacks %q:\n%s", w, got)
				}
			}
		})
	}
}
