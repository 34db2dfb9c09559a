package fakeruntime

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// FunctionARN is the invoked function ARN handed to every invocation.
const FunctionARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders"

// Result is how an invocation ended.
type Result struct {
	// Body is the response, or the error payload when Failed.
	Body []byte
	// Failed is true when the handler reported an error (or panicked).
	Failed bool
}

type invocation struct {
	id, header string
	event      []byte
	done       chan Result
}

// Runtime serves the Runtime API on 127.0.0.1 until the test ends.
type Runtime struct {
	srv       *httptest.Server
	queue     chan *invocation
	mu        sync.Mutex
	inflight  map[string]*invocation
	seq       atomic.Int64
	initError atomic.Pointer[string]
}

// Start serves a Runtime API on a random local port.
func Start(t testing.TB) *Runtime {
	r := &Runtime{queue: make(chan *invocation, 64), inflight: map[string]*invocation{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /2018-06-01/runtime/invocation/next", r.next)
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/response", r.finish(false))
	mux.HandleFunc("POST /2018-06-01/runtime/invocation/{id}/error", r.finish(true))
	mux.HandleFunc("POST /2018-06-01/runtime/init/error", func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(req.Body)
		s := string(b)
		r.initError.Store(&s)
		w.WriteHeader(http.StatusAccepted)
	})
	r.srv = httptest.NewServer(mux)
	t.Cleanup(r.srv.Close)
	return r
}

// Addr is the value for AWS_LAMBDA_RUNTIME_API.
func (r *Runtime) Addr() string { return strings.TrimPrefix(r.srv.URL, "http://") }

// InitError returns what the function reported at /runtime/init/error.
func (r *Runtime) InitError() string {
	if s := r.initError.Load(); s != nil {
		return *s
	}
	return ""
}

// Invoke hands the event to the function with the trace header (empty: no
// header) and waits for its response or error.
func (r *Runtime) Invoke(ctx context.Context, event []byte, traceHeader string) (Result, error) {
	inv := &invocation{
		id:     fmt.Sprintf("c6af9ac6-7b61-11e6-9a41-%012d", r.seq.Add(1)),
		header: traceHeader,
		event:  event,
		done:   make(chan Result, 1),
	}
	select {
	case r.queue <- inv:
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	select {
	case res := <-inv.done:
		return res, nil
	case <-ctx.Done():
		return Result{}, fmt.Errorf("fakeruntime: invocation %s: %w", inv.id, ctx.Err())
	}
}

func (r *Runtime) next(w http.ResponseWriter, req *http.Request) {
	var inv *invocation
	select {
	case inv = <-r.queue:
	case <-req.Context().Done():
		return
	}
	r.mu.Lock()
	r.inflight[inv.id] = inv
	r.mu.Unlock()
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(time.Minute).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", FunctionARN)
	if inv.header != "" {
		h.Set("Lambda-Runtime-Trace-Id", inv.header)
	}
	h.Set("Content-Type", "application/json")
	_, _ = w.Write(inv.event)
}

func (r *Runtime) finish(failed bool) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		id := req.PathValue("id")
		body, _ := io.ReadAll(req.Body)
		r.mu.Lock()
		inv := r.inflight[id]
		delete(r.inflight, id)
		r.mu.Unlock()
		if inv == nil {
			http.Error(w, "unknown invocation "+id, http.StatusBadRequest)
			return
		}
		inv.done <- Result{Body: body, Failed: failed}
		w.WriteHeader(http.StatusAccepted)
	}
}
