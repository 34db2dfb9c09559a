package lambdasim

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// runtimeAPI serves the Lambda Runtime API of one function on 127.0.0.1:
// the function's process long-polls /next for events and posts each
// result back.
type runtimeAPI struct {
	arn     string
	timeout time.Duration
	http    *http.Server
	ln      net.Listener
	served  chan struct{}
	queue   chan *invocation
	mu      sync.Mutex
	pending map[string]*invocation
	// log receives what the function posts to /runtime/init/error.
	log io.Writer
}

// invocation is one event handed to the function.
type invocation struct {
	id, header string
	event      []byte
	done       chan runtimeResult
}

type runtimeResult struct {
	body   []byte
	failed bool
}

func startRuntimeAPI(arn string, timeout time.Duration, log io.Writer) (*runtimeAPI, error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	r := &runtimeAPI{arn: arn, timeout: timeout, ln: ln, served: make(chan struct{}),
		queue: make(chan *invocation), pending: map[string]*invocation{}, log: log}
	mux := http.NewServeMux()
	const base = "/2018-06-01/runtime/"
	mux.HandleFunc("GET "+base+"invocation/next", r.next)
	mux.HandleFunc("POST "+base+"invocation/{id}/response", r.finish(false))
	mux.HandleFunc("POST "+base+"invocation/{id}/error", r.finish(true))
	mux.HandleFunc("POST "+base+"init/error", func(w http.ResponseWriter, req *http.Request) {
		b, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
		fmt.Fprintf(r.log, "init error: %s\n", b)
		w.WriteHeader(http.StatusAccepted)
	})
	r.http = &http.Server{Handler: mux}
	go func() {
		defer close(r.served)
		_ = r.http.Serve(ln)
	}()
	return r, nil
}

// addr is the value of AWS_LAMBDA_RUNTIME_API.
func (r *runtimeAPI) addr() string { return r.ln.Addr().String() }

func (r *runtimeAPI) close() {
	_ = r.http.Close()
	<-r.served
}

// invoke hands event to the function with the trace header and waits for
// its result, until ctx is done or exited is closed (the process ended).
func (r *runtimeAPI) invoke(ctx context.Context, event []byte, header string, exited <-chan struct{}) (runtimeResult, error) {
	inv := &invocation{id: requestID(), header: header, event: event, done: make(chan runtimeResult, 1)}
	select {
	case r.queue <- inv:
	case <-exited:
		return runtimeResult{}, errors.New("the function's process has exited")
	case <-ctx.Done():
		return runtimeResult{}, ctx.Err()
	}
	select {
	case res := <-inv.done:
		return res, nil
	case <-exited:
		return runtimeResult{}, fmt.Errorf("invocation %s: the function's process exited", inv.id)
	case <-ctx.Done():
		return runtimeResult{}, fmt.Errorf("invocation %s: %w", inv.id, ctx.Err())
	}
}

// next hands the function the next event, with the headers Lambda sets.
func (r *runtimeAPI) next(w http.ResponseWriter, req *http.Request) {
	var inv *invocation
	select {
	case inv = <-r.queue:
	case <-req.Context().Done():
		return
	}
	r.mu.Lock()
	r.pending[inv.id] = inv
	r.mu.Unlock()
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(time.Now().Add(r.timeout).UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", r.arn)
	h.Set("Lambda-Runtime-Trace-Id", inv.header)
	h.Set("Content-Type", "application/json")
	_, _ = w.Write(inv.event)
}

// finish takes the function's response (or error) to an invocation.
func (r *runtimeAPI) finish(failed bool) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		id := req.PathValue("id")
		body, _ := io.ReadAll(io.LimitReader(req.Body, 6<<20))
		r.mu.Lock()
		inv := r.pending[id]
		delete(r.pending, id)
		r.mu.Unlock()
		if inv == nil {
			http.Error(w, `{"errorMessage":"unknown invocation `+id+`","errorType":"InvalidRequestID"}`, http.StatusBadRequest)
			return
		}
		inv.done <- runtimeResult{body: body, failed: failed}
		w.WriteHeader(http.StatusAccepted)
	}
}
