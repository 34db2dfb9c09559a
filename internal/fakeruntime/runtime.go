package fakeruntime

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// FunctionARN is the invoked function ARN handed to every invocation when
// Options.ARN is empty.
const FunctionARN = "arn:aws:lambda:eu-west-1:123456789012:function:orders"

// maxResponse is Lambda's limit on a synchronous response.
const maxResponse = 6 << 20

// Options configure a Runtime.
type Options struct {
	// ARN is the invoked function ARN; the default is FunctionARN.
	ARN string
	// Timeout sets each invocation's deadline (Lambda-Runtime-Deadline-Ms),
	// counted from when the function takes the event; the default is one
	// minute. An invocation not answered by its deadline ends with
	// Result.TimedOut, and the function's answer, if it comes later, is
	// accepted and dropped.
	Timeout time.Duration
	// OnTimeout, if set, is called with the request ID when an invocation
	// passes its deadline unanswered, before Invoke returns. Lambda stops
	// the execution environment then: a test kills the function's process
	// here.
	OnTimeout func(requestID string)
	// InitErrors, if set, receives what the function posts to
	// /runtime/init/error (InitError returns it too).
	InitErrors io.Writer
	// RequestID makes the request ID of each invocation; the default is a
	// sequence under a fixed prefix.
	RequestID func() string
	// OnResponse, if set, is called with the request ID when the function
	// posts a response or an error, before the function is answered.
	OnResponse func(requestID string)
	// NoExtensions makes the Extensions API answer 404, as where it is
	// unavailable.
	NoExtensions bool
}

// Result is how an invocation ended.
type Result struct {
	// Body is the response, or the error payload when Failed.
	Body []byte
	// Failed is true when the handler reported an error (or panicked), or
	// the invocation timed out.
	Failed bool
	// TimedOut is true when the function did not answer by the deadline.
	TimedOut bool
}

type invocation struct {
	id, header string
	event      []byte
	done       chan Result
	timer      *time.Timer // the deadline, armed when the function takes the event
}

// Runtime serves the Runtime API of one function on 127.0.0.1.
type Runtime struct {
	opts      Options
	ln        net.Listener
	srv       *http.Server
	served    chan struct{}
	queue     chan *invocation
	mu        sync.Mutex
	inflight  map[string]*invocation
	expired   map[string]bool // timed out; a late answer is dropped
	seq       atomic.Int64
	initError atomic.Pointer[string]
	polled    chan struct{} // closed at the function's first /next
	pollOnce  sync.Once
	// The Extensions API (extensions.go), under mu.
	exts    map[string]*extension
	changed chan struct{} // closed when an extension parks or goes
	log     []Event
	logSeq  int64
}

// New serves a Runtime API on a random local port until Close.
func New(o Options) (*Runtime, error) {
	if o.ARN == "" {
		o.ARN = FunctionARN
	}
	if o.Timeout <= 0 {
		o.Timeout = time.Minute
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, fmt.Errorf("fakeruntime: %w", err)
	}
	r := &Runtime{opts: o, ln: ln, served: make(chan struct{}), polled: make(chan struct{}),
		queue: make(chan *invocation), inflight: map[string]*invocation{}, expired: map[string]bool{},
		exts: map[string]*extension{}, changed: make(chan struct{})}
	if r.opts.RequestID == nil {
		r.opts.RequestID = func() string { return fmt.Sprintf("c6af9ac6-7b61-11e6-9a41-%012d", r.seq.Add(1)) }
	}
	mux := http.NewServeMux()
	const base = "/2018-06-01/runtime/"
	mux.HandleFunc("GET "+base+"invocation/next", r.next)
	mux.HandleFunc("POST "+base+"invocation/{id}/response", r.finish(false))
	mux.HandleFunc("POST "+base+"invocation/{id}/error", r.finish(true))
	mux.HandleFunc("POST "+base+"init/error", r.initErr)
	mux.HandleFunc("POST /2020-01-01/extension/register", r.register)
	mux.HandleFunc("GET /2020-01-01/extension/event/next", r.eventNext)
	r.srv = &http.Server{Handler: mux}
	go func() {
		defer close(r.served)
		_ = r.srv.Serve(ln)
	}()
	return r, nil
}

// TB is the part of testing.TB that Start uses.
type TB interface {
	Fatalf(format string, args ...any)
	Cleanup(func())
}

// Start is New with the default options, closed when the test ends.
func Start(t TB) *Runtime {
	r, err := New(Options{})
	if err != nil {
		t.Fatalf("%v", err)
	}
	t.Cleanup(r.Close)
	return r
}

// Addr is the value for AWS_LAMBDA_RUNTIME_API.
func (r *Runtime) Addr() string { return r.ln.Addr().String() }

// Polled is closed once the function has asked for its first event: its
// loop has read AWS_LAMBDA_RUNTIME_API and is running.
func (r *Runtime) Polled() <-chan struct{} { return r.polled }

// Close stops serving.
func (r *Runtime) Close() {
	_ = r.srv.Close()
	<-r.served
}

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
	return r.InvokeUntil(ctx, event, traceHeader, nil)
}

// InvokeUntil is Invoke that also gives up when exited is closed (the
// function's process ended).
func (r *Runtime) InvokeUntil(ctx context.Context, event []byte, traceHeader string, exited <-chan struct{}) (Result, error) {
	inv := &invocation{id: r.opts.RequestID(), header: traceHeader, event: event, done: make(chan Result, 1)}
	select {
	case r.queue <- inv:
	case <-exited:
		return Result{}, errors.New("fakeruntime: the function's process has exited")
	case <-ctx.Done():
		return Result{}, ctx.Err()
	}
	select {
	case res := <-inv.done:
		return res, nil
	case <-exited:
		return Result{}, fmt.Errorf("fakeruntime: invocation %s: the function's process exited", inv.id)
	case <-ctx.Done():
		return Result{}, fmt.Errorf("fakeruntime: invocation %s: %w", inv.id, ctx.Err())
	}
}

// next hands the function the next event, with the headers Lambda sets.
func (r *Runtime) next(w http.ResponseWriter, req *http.Request) {
	r.pollOnce.Do(func() { close(r.polled) })
	var inv *invocation
	select {
	case inv = <-r.queue:
	case <-req.Context().Done():
		return
	}
	// The header has millisecond precision; the deadline is that millisecond.
	deadline := time.UnixMilli(time.Now().Add(r.opts.Timeout).UnixMilli())
	if !r.awaitExtensions(req.Context(), inv, deadline) {
		return
	}
	r.mu.Lock()
	r.inflight[inv.id] = inv
	r.record(EventInvoke, inv.id, "")
	inv.timer = time.AfterFunc(time.Until(deadline), func() { r.expire(inv) })
	r.mu.Unlock()
	h := w.Header()
	h.Set("Lambda-Runtime-Aws-Request-Id", inv.id)
	h.Set("Lambda-Runtime-Deadline-Ms", strconv.FormatInt(deadline.UnixMilli(), 10))
	h.Set("Lambda-Runtime-Invoked-Function-Arn", r.opts.ARN)
	if inv.header != "" {
		h.Set("Lambda-Runtime-Trace-Id", inv.header)
	}
	h.Set("Content-Type", "application/json")
	_, _ = w.Write(inv.event)
}

// finish takes the function's response (or error) to an invocation.
func (r *Runtime) finish(failed bool) http.HandlerFunc {
	return func(w http.ResponseWriter, req *http.Request) {
		id := req.PathValue("id")
		body, _ := io.ReadAll(io.LimitReader(req.Body, maxResponse))
		r.mu.Lock()
		inv, late := r.inflight[id], r.expired[id]
		if inv != nil {
			kind := EventResponse
			if failed {
				kind = EventError
			}
			r.record(kind, id, "")
		}
		delete(r.inflight, id)
		delete(r.expired, id)
		if inv != nil {
			inv.timer.Stop()
		}
		r.mu.Unlock()
		if late {
			w.WriteHeader(http.StatusAccepted) // Lambda would have stopped the function
			return
		}
		if inv == nil {
			http.Error(w, `{"errorMessage":"unknown invocation `+id+`","errorType":"InvalidRequestID"}`, http.StatusBadRequest)
			return
		}
		if r.opts.OnResponse != nil {
			r.opts.OnResponse(id)
		}
		inv.done <- Result{Body: body, Failed: failed}
		w.WriteHeader(http.StatusAccepted)
	}
}

// expire ends an invocation that passed its deadline unanswered, as Lambda
// reports it.
func (r *Runtime) expire(inv *invocation) {
	r.mu.Lock()
	pending := r.inflight[inv.id] == inv
	if pending {
		delete(r.inflight, inv.id)
		r.expired[inv.id] = true
	}
	r.mu.Unlock()
	if !pending {
		return
	}
	if r.opts.OnTimeout != nil {
		r.opts.OnTimeout(inv.id)
	}
	body := fmt.Sprintf(`{"errorType":"Sandbox.Timedout","errorMessage":"RequestId: %s Error: Task timed out after %.2f seconds"}`,
		inv.id, r.opts.Timeout.Seconds())
	inv.done <- Result{Body: []byte(body), Failed: true, TimedOut: true}
}

func (r *Runtime) initErr(w http.ResponseWriter, req *http.Request) {
	b, _ := io.ReadAll(io.LimitReader(req.Body, 1<<20))
	s := string(b)
	r.initError.Store(&s)
	if r.opts.InitErrors != nil {
		fmt.Fprintf(r.opts.InitErrors, "init error: %s\n", b)
	}
	w.WriteHeader(http.StatusAccepted)
}
