package lambdatrace_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"
	"time"

	"github.com/otelxray/otelxray/internal/fakeagent"
	"github.com/otelxray/otelxray/internal/fakeruntime"
)

// BenchmarkResponseLatency is the time from the moment the function takes
// an invocation to the moment the fake runtime has its response (both in
// the fake runtime's log), for a handler of 100 spans exporting
// to a Datadog agent (internal/fakeagent, answering at once or after
// 50 ms), in sync and async mode: ms/response. A real aws-lambda-go loop
// runs in a subprocess; ns/op is the whole invocation, export included.
func BenchmarkResponseLatency(b *testing.B) {
	for _, agentDelay := range []time.Duration{0, 50 * time.Millisecond} {
		for _, mode := range []string{"sync", "async"} {
			b.Run("agent="+agentDelay.String()+"/"+mode, func(b *testing.B) {
				benchResponseLatency(b, mode, agentDelay)
			})
		}
	}
}

func benchResponseLatency(b *testing.B, mode string, agentDelay time.Duration) {
	agent := fakeagent.Start(b)
	h := agent.Srv.Config.Handler
	agent.Srv.Config.Handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(agentDelay)
		h.ServeHTTP(w, r)
	})
	o := fakeruntime.Options{RequestID: seqIDs()}
	f := startFunctionWith(b, o, "datadog", "LAMBDA_EXTENSION_SPAN_PROCESSOR_MODE="+mode, agentEnv+"="+agent.URL())
	event, _ := json.Marshal(workEvent{Children: 100})
	invoke := func(i int) time.Duration {
		ctx, cancel := context.WithTimeout(context.Background(), time.Minute)
		defer cancel()
		res, err := f.rt.Invoke(ctx, event, header(seqRoot(i), seqParent(i), 1))
		if err != nil || res.Failed {
			b.Fatalf("invocation %d: %v %s", i, err, res.Body)
		}
		return responseLatency(f.rt.Events())
	}
	invoke(0) // the cold start
	var total time.Duration
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		total += invoke(i + 1)
	}
	b.ReportMetric(float64(total.Microseconds())/1000/float64(b.N), "ms/response")
	b.StopTimer()
	if mode == "async" {
		// Let the last export end before the process is killed.
		waitFor(b, "the last export", func() bool {
			evs := f.rt.Events()
			return evs[len(evs)-1].Kind == fakeruntime.EventExtensionNext
		})
	}
	if spans, _ := agent.Received(); len(spans) == 0 {
		b.Errorf("the agent received nothing")
	}
}

// responseLatency is the time from the last invocation the function took
// to its response, from the runtime's log.
func responseLatency(evs []fakeruntime.Event) time.Duration {
	var responded time.Time
	for i := len(evs) - 1; i >= 0; i-- {
		switch evs[i].Kind {
		case fakeruntime.EventResponse:
			responded = evs[i].At
		case fakeruntime.EventInvoke:
			return responded.Sub(evs[i].At)
		}
	}
	return 0
}
